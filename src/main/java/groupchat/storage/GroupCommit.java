package groupchat.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
 */
final class GroupCommit {
    static final int MAX_BATCH = 64;

    private final Session writer;
    private final ReentrantLock writeLock;
    private final Consumer<Handle> afterCommit;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

    /** A queued write; its fields are written and read under the writer lock. */
    private static final class Pending<R> {
        final Database.Work<R, ?> work;
        R result;
        Throwable failure;
        boolean done;

        Pending(Database.Work<R, ?> work) {
            this.work = work;
        }

        void run(Session session) throws Exception {
            result = work.run(session);
        }
    }

    /** @param afterCommit runs after each commit, holding the writer (the WAL bound) */
    GroupCommit(Session writer, ReentrantLock writeLock, Consumer<Handle> afterCommit) {
        this.writer = writer;
        this.writeLock = writeLock;
        this.afterCommit = afterCommit;
    }

    @SuppressWarnings("unchecked")
    <R, X extends Exception> R write(Database.Work<R, X> work) throws X {
        Pending<R> mine = new Pending<>(work);
        queue.add(mine);
        writeLock.lock();
        try {
            while (!mine.done) commitQueued();
        } finally {
            writeLock.unlock();
        }
        if (mine.failure == null) return mine.result;
        if (mine.failure instanceof RuntimeException e) throw e;
        if (mine.failure instanceof Error e) throw e;
        throw (X) mine.failure;
    }

    /** Holding the writer lock: one transaction for what is queued. */
    private void commitQueued() {
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
        }
        afterCommit.accept(handle);
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
