package groupchat.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeHeapTest {
    /** The servers run on Linux with glibc, where freed native memory must go back to the system. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void freedNativeMemoryGoesBackToTheSystem() {
        assertTrue(NativeHeap.available(), "glibc's malloc was not found");
        // Every other 16 KiB block freed: holes that malloc keeps (they cannot merge into the arena's
        // end, which free alone would give back) until a trim hands their pages back.
        long[] blocks = new long[4096];
        for (int i = 0; i < blocks.length; i++) blocks[i] = Native.malloc(16 * 1024);
        for (int i = 0; i < blocks.length; i += 2) Native.free(blocks[i]);
        try {
            assertTrue(NativeHeap.trim(), "a trim found no free pages to hand back");
        } finally {
            for (int i = 1; i < blocks.length; i += 2) Native.free(blocks[i]);
        }
    }
}
