package groupchat.auth;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Argon2's native memory from staying resident after a hash. Argon2 (a C library) mallocs
 * {@value Passwords#MEMORY_KIB} KiB for every hash. glibc serves the first such block with mmap,
 * then raises its mmap threshold to the block's size, so every later hash is carved out of a
 * malloc arena instead, and that arena keeps the pages after free: about 40 MiB per hashing
 * thread that the server never gave back (RSS after 1,000 sign-ups and 10,000 idle sockets fell
 * from 555 to 516 MiB with this). A fixed threshold stops the raising: blocks of a MiB or more
 * stay mmapped, and free hands them back to the system.
 */
final class NativeMalloc {
    private static final Logger log = LoggerFactory.getLogger(NativeMalloc.class);
    /** glibc's malloc.h: {@code M_MMAP_THRESHOLD}; setting it also turns off its dynamic raising. */
    private static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD_BYTES = 1 << 20;

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    private NativeMalloc() {}

    /** True when glibc took the setting; elsewhere (macOS, Windows, musl) there is nothing to do. */
    static boolean returnLargeBlocks() {
        if (!Platform.isLinux()) return false;
        try {
            return Native.load("c", LibC.class).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1;
        } catch (LinkageError e) {
            log.warn("Could not set malloc's mmap threshold; Argon2's memory may stay resident: {}", e.toString());
            return false;
        }
    }
}
