package groupchat.memory;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import groupchat.background.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps glibc's malloc from holding native memory the server no longer uses (Linux with glibc;
 * elsewhere it does nothing). Measured with 1,000 sign-ups and then 10,000 idle WebSockets:
 * <ul>
 *   <li>Argon2 (a C library) mallocs 19 MiB for every hash. glibc serves the first such block with
 *       mmap, then raises its mmap threshold to the block's size, so every later hash is carved
 *       out of an arena that keeps the pages after free: about 40 MiB per hashing thread. A fixed
 *       threshold keeps blocks of a MiB or more mmapped, handed back on free (RSS 555 -> 516 MiB).</li>
 *   <li>What the JVM itself mallocs and frees in a burst (its threads, the JIT, the collector's
 *       bookkeeping) stays in the arenas too: about 30 MiB after the 10,000 upgrades. A trim every
 *       {@link #TRIM_EVERY} hands free pages back, as the JDK's own TrimNativeHeapInterval would
 *       (a JVM option, which an operator running {@code java -jar} does not set).</li>
 * </ul>
 */
public final class NativeHeap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NativeHeap.class);
    /** glibc's malloc.h: {@code M_MMAP_THRESHOLD}; setting it also turns off its dynamic raising. */
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int MMAP_THRESHOLD_BYTES = 1 << 20;
    static final Duration TRIM_EVERY = Duration.ofSeconds(1);

    private interface LibC extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    /** Loaded at first use, off the start-up path; null without glibc. */
    private static final class Glibc {
        static final LibC LIBC = load();
    }

    private ScheduledExecutorService worker;

    /** Sets the threshold and trims from now on, on a thread of its own (loading the C binding takes a moment). */
    public synchronized void start() {
        worker = DaemonThreads.timer("native-heap");
        worker.execute(() -> {
            if (Glibc.LIBC == null) return;
            // A hash made before this is harmless: its block was mmapped, and the next trim takes what it raised.
            if (Glibc.LIBC.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) != 1) {
                log.warn("malloc did not take a fixed mmap threshold; Argon2's memory may stay resident");
            }
            long millis = TRIM_EVERY.toMillis();
            worker.scheduleWithFixedDelay(NativeHeap::trim, millis, millis, TimeUnit.MILLISECONDS);
        });
    }

    /** Hands malloc's free pages back to the system now; true when there were some. */
    static boolean trim() {
        return Glibc.LIBC != null && Glibc.LIBC.malloc_trim(0) == 1;
    }

    /** True on Linux with glibc, where both settings apply. */
    static boolean available() {
        return Glibc.LIBC != null;
    }

    @Override
    public synchronized void close() {
        if (worker != null) worker.shutdownNow();
    }

    private static LibC load() {
        if (!Platform.isLinux()) return null;
        try {
            LibC libc = Native.load("c", LibC.class);
            libc.malloc_trim(0); // glibc only (musl has none): a missing symbol fails here, not later
            return libc;
        } catch (LinkageError e) {
            log.info("No glibc malloc to tune: {}", e.toString());
            return null;
        }
    }
}
