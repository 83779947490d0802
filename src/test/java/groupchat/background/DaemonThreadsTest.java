package groupchat.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void aTimersThreadIsANamedDaemon() throws Exception {
        ScheduledExecutorService timer = DaemonThreads.timer("test-timer");
        try {
            Thread thread = timer.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            assertEquals("test-timer", thread.getName());
            assertTrue(thread.isDaemon());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aPoolsThreadsAreNumbered() {
        ThreadFactory threads = DaemonThreads.numbered("pool");
        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });
        assertEquals("pool-1", first.getName());
        assertEquals("pool-2", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }

    @Test
    void stopWaitsForTheRunningTaskToEnd() throws Exception {
        ScheduledExecutorService timer = DaemonThreads.timer("test-stop");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        timer.execute(() -> {
            running.countDown();
            // Deaf to the interrupt, like a checkpoint inside SQLite.
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            finished.set(true);
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertTrue(DaemonThreads.stop(timer, Duration.ofSeconds(5)));
        assertTrue(finished.get(), "stop returned before the running task ended");
    }

    @Test
    void stopSaysSoWhenATaskOutlastsTheWait() throws Exception {
        ScheduledExecutorService timer = DaemonThreads.timer("test-stuck");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        timer.execute(() -> {
            running.countDown();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) return;
                } catch (InterruptedException ignored) {
                    // keeps running: a task that does not answer interrupts
                }
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertFalse(DaemonThreads.stop(timer, Duration.ofMillis(100)));
        release.countDown();
    }
}
