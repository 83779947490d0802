package groupchat.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeMallocTest {
    /** The servers run on Linux with glibc, where Argon2's blocks must be handed back after each hash. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void glibcTakesTheFixedMmapThreshold() {
        assertTrue(NativeMalloc.returnLargeBlocks());
    }
}
