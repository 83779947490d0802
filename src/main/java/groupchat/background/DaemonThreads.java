package groupchat.background;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own background threads. Daemons, so a thread still in a task never keeps the JVM
 * from exiting once the server is closed; named, so a thread dump or a profile says whose each is.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** One thread for a feature's timed and queued tasks, called {@code name}. */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> thread(name, runnable));
    }

    /** For a pool: its threads are called {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory numbered(String name) {
        AtomicInteger made = new AtomicInteger();
        return runnable -> thread(name + "-" + made.incrementAndGet(), runnable);
    }

    /**
     * Stops {@code executor} and waits up to {@code wait} for a task still running (one that uses a
     * connection about to close, say); false if one still runs.
     */
    public static boolean stop(ExecutorService executor, Duration wait) {
        executor.shutdownNow();
        try {
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A daemon thread, not started. */
    public static Thread thread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
