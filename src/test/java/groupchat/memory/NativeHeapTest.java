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
        // The test servers running beside this class trim every second too, and one may take the
        // holes first: a few tries, and one must find pages to hand back.
        boolean trimmed = false;
        for (int attempt = 0; attempt < 3 && !trimmed; attempt++) trimmed = trimsHoles();
        assertTrue(trimmed, "a trim found no free pages to hand back");
    }

    /**
     * Every other 16 KiB block freed: holes that malloc keeps (they cannot merge into the arena's
     * end, which free alone would give back) until a trim hands their pages back.
     */
    private static boolean trimsHoles() {
        long[] blocks = new long[4096];
        for (int i = 0; i < blocks.length; i++) blocks[i] = Native.malloc(16 * 1024);
        for (int i = 0; i < blocks.length; i += 2) Native.free(blocks[i]);
        try {
            return NativeHeap.trim();
        } finally {
            for (int i = 1; i < blocks.length; i += 2) Native.free(blocks[i]);
        }
    }
}
