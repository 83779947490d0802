package groupchat.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * SQLite's one writer, shared by committing together the writes that wait for it. A message's
 * transaction rewrites a page of every index of {@code messages}, and each commit writes those
 * pages to the WAL again: several KiB for a few hundred bytes of text. So a write is queued, and
 * whichever thread gets the writer runs every queued write (at most {@value #MAX_BATCH}) in one
 * transaction, each in a savepoint of its own: a write that fails is rolled back alone and its
 * caller gets its exception, the others commit. Every caller returns only after the commit that
 * holds its write, so a write is still acknowledged only once it is stored. With nobody waiting, a
 * write is a transaction of its own, as before.
 *
 * <p>The thread that committed a batch wakes every caller in it, and they return without the
 * writer's lock. When each caller took the lock to find its write done, a caller whose write was
 * committed still waited behind every thread that took the lock first: with 48 threads writing
 * flat out ({@code GroupCommitBench}), the slowest 1% of writes took 96-145 ms, and take 13-22 ms now.
 */
final class GroupCommit {
    static final int MAX_BATCH = 64;

    private final Session writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Consumer<Handle> afterCommit;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

    /** A queued write: run and finished by whichever thread holds the writer, read by its caller once done. */
    private static final class Pending<R> {
        final Database.Work<R, ?> work;
        final Thread caller = Thread.currentThread();
        R result;
        Throwable failure;
        /** Set last: the result and failure written before it are seen by the caller that reads it. */
        volatile boolean done;

        Pending(Database.Work<R, ?> work) {
            this.work = work;
        }

        void run(Session session) throws Exception {
            result = work.run(session);
        }
    }

    /** @param afterCommit runs after each commit, holding the writer (the WAL bound) */
    GroupCommit(Session writer, Consumer<Handle> afterCommit) {
        this.writer = writer;
        this.afterCommit = afterCommit;
    }

    /**
     * Queues the write and returns once a commit holds it. A caller that finds the writer taken
     * sleeps until the thread holding it has committed its write, or hands the writer over to it
     * as the oldest write still queued ({@link #release}).
     */
    @SuppressWarnings("unchecked")
    <R, X extends Exception> R write(Database.Work<R, X> work) throws X {
        Pending<R> mine = new Pending<>(work);
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (writeLock.tryLock()) {
                List<Pending<?>> finished = new ArrayList<>();
                try {
                    while (!mine.done) commitQueued(finished);
                } finally {
                    release();
                    // Once the writer is free: the next batch need not wait for these wake-ups.
                    for (Pending<?> pending : finished) if (pending != mine) LockSupport.unpark(pending.caller);
                }
            } else {
                LockSupport.park(this);
                // An interrupted thread's park returns at once: kept for later, as the lock's wait did, not spun on.
                if (Thread.interrupted()) interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (mine.failure == null) return mine.result;
        if (mine.failure instanceof RuntimeException e) throw e;
        if (mine.failure instanceof Error e) throw e;
        throw (X) mine.failure;
    }

    /** Holding the writer lock: one transaction for what is queued, whose writes it adds to {@code finished}. */
    private void commitQueued(List<Pending<?>> finished) {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) batch.add(next);
        Handle handle = writer.handle();
        try {
            handle.begin();
            if (batch.size() == 1) {
                runAlone(handle, batch.get(0));
            } else {
                for (Pending<?> pending : batch) runInSavepoint(handle, pending);
            }
            if (handle.isInTransaction()) handle.commit();
        } catch (RuntimeException | Error e) {
            if (handle.isInTransaction()) handle.rollback();
            for (Pending<?> pending : batch) if (pending.failure == null) pending.failure = e;
        } finally {
            for (Pending<?> pending : batch) pending.done = true;
            finished.addAll(batch);
        }
        afterCommit.accept(handle);
    }

    /** Runs {@code task} holding the writer, so that no write commits meanwhile (the log's restart, closing). */
    <T> T holding(Supplier<T> task) {
        writeLock.lock();
        try {
            return task.get();
        } finally {
            release();
        }
    }

    /**
     * Lets go of the writer and wakes the oldest queued write's caller to take it: a caller that
     * found the writer taken sleeps until then, unless a commit holds its write first.
     */
    private void release() {
        writeLock.unlock();
        Pending<?> oldest = queue.peek();
        if (oldest != null) LockSupport.unpark(oldest.caller);
    }

    private void runAlone(Handle handle, Pending<?> pending) {
        try {
            pending.run(writer);
        } catch (Exception | Error e) {
            pending.failure = e;
            handle.rollback();
        }
    }

    /** A savepoint rolled back stays open in SQLite (Jdbi forgets it); the commit ends them all. */
    private void runInSavepoint(Handle handle, Pending<?> pending) {
        handle.savepoint("write");
        try {
            pending.run(writer);
        } catch (Exception | Error e) {
            pending.failure = e;
            handle.rollbackToSavepoint("write");
            return;
        }
        handle.releaseSavepoint("write");
    }
}
