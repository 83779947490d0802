package groupchat.storage;

import groupchat.background.DaemonThreads;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps SQLite's WAL copied into the database and its file bounded, from a thread and connection
 * of its own. SQLite would checkpoint inside whichever commit crosses 1000 pages, fsync included,
 * while that commit holds the writer: a latency spike for one unlucky message. PASSIVE checkpoints
 * here never block writers; only a restart of the log, which sustained writes need, holds the
 * writer, while it copies the last few writes.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /**
     * How often the log is looked at. With a checkpoint a second, the restart's own copy (and its
     * fsync of up to 32 MiB) stalled every write for 15-60 ms a few times a second at 1,000 msg/s.
     */
    private static final int EVERY_MS = 100;
    /**
     * Log not yet copied into the database below which a checkpoint leaves it for later. Once a log
     * is all copied, the next write starts it over, and SQLite syncs the log's header to disk in
     * that write's commit: copied after every write, a quiet server's every message waited for an
     * fsync (an AI answer's commit: 0.1 ms, or 1.1 ms after a copy, on this machine's disk).
     */
    private static final long COPY_BYTES = 1L << 20;
    /**
     * What the log may hold before it is restarted, between two transactions. A PASSIVE checkpoint
     * copies pages, but the log only starts over when a transaction begins with all of it copied,
     * which steady writes never allow (1.5 GiB in 45 s). At 4 MiB the log starts over at about every
     * checkpoint under load (about 35 KiB of log per message), each restart has only the writes since
     * the last copy left, and the file stays near 10 MiB at 1,400 msg/s. A quiet server never
     * restarts it.
     */
    private static final long RESTART_BYTES = 4L * 1_048_576;
    private static final int RESTART_WAIT_MS = 200;
    /** Past this size the writer restarts the log itself ({@link #afterCommit}); also journal_size_limit. */
    static final long URGENT_BYTES = 48L * 1_048_576;
    private static final int URGENT_WAIT_MS = 2_000;
    /**
     * Commits between two looks at the log's size after a commit: a look (a stat of the file) after
     * every commit was 0.8% of the server's CPU at 1,500 msg/s; 64 commits of chat (17 KiB of log a
     * message) add a few MiB at most past the bound.
     */
    private static final int URGENT_LOOK_EVERY = 64;

    private final Handle checkpointer;
    private final File wal;
    private final GroupCommit commits;
    private final ReaderSessions readers;
    private final int busyTimeoutMs;
    /** Bytes of one frame of the log: a page and a 24-byte header. */
    private final long frameBytes;
    /** System.nanoTime() before which no restart is tried again (after one found readers in the way). Checkpoint thread only. */
    private long nextRestart = System.nanoTime();
    /** Milliseconds to the next try after a failed one: doubles up to 2 s, back to 100 ms on success. Checkpoint thread only. */
    private long restartBackoffMs = 100;
    /** The log's frames at the last look. Checkpoint thread only. */
    private long framesSeen = -1;
    /** Commits since {@link #afterCommit} last looked at the log's size. Writer only. */
    private int commitsUnlooked;
    /**
     * SQLite runs one checkpoint at a time and fails a second one at once, without its busy handler:
     * the writer's urgent restart failed whenever it met the background copying the log (under load,
     * one run in three of UrgentRestartTest). So every checkpoint here takes this first; it is never
     * held while waiting for the writer or the readers.
     */
    private final ReentrantLock oneCheckpoint = new ReentrantLock();
    private final ScheduledExecutorService thread = DaemonThreads.timer("sqlite-checkpoint");

    /**
     * @param checkpointer a connection for the checkpoints alone
     * @param commits the writer, held for a restart
     * @param readers the reader sessions, all taken for a restart
     * @param busyTimeoutMs the connections' busy timeout, set again after a restart
     */
    WalCheckpoints(Handle checkpointer, File wal, GroupCommit commits, ReaderSessions readers,
                   int busyTimeoutMs) {
        this.checkpointer = checkpointer;
        this.wal = wal;
        this.commits = commits;
        this.readers = readers;
        this.busyTimeoutMs = busyTimeoutMs;
        this.frameBytes = checkpointer.createQuery("PRAGMA page_size").mapTo(Long.class).one() + 24;
        thread.scheduleWithFixedDelay(this::checkpoint, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Every {@value #EVERY_MS} ms: copies the log into the database (PASSIVE: writers go on
     * meanwhile) once {@link #COPY_BYTES} of it wait, then restarts it if it holds more than
     * {@link #RESTART_BYTES}. The restart holds the writer, but right after the copy it finds only
     * the last few milliseconds of writes left to copy: done by the writer after its commit instead,
     * it copied up to a checkpoint interval's worth, a 5-10 ms stall every second at 2,000 msg/s. A
     * restart that fails (see {@link #restart}) is tried again 100 ms later, then ever less often,
     * up to every 2 s.
     */
    private void checkpoint() {
        try {
            // The frames the log holds, not the file's size: a restarted log is written again from
            // the start of a file that keeps its size, so by size alone every checkpoint restarted it
            // once the file had reached the bound (ten writer stalls a second at 1,000 msg/s).
            long[] frames = frames("NOOP");
            // A log nothing was written to since the last look needs no restart: it keeps its count of
            // frames until the next write, which starts it over itself once it is all copied.
            boolean written = frames[0] != framesSeen;
            framesSeen = frames[0];
            if ((frames[0] - frames[1]) * frameBytes >= COPY_BYTES) frames = frames("PASSIVE");
            if (!written || frames[0] * frameBytes <= RESTART_BYTES || System.nanoTime() - nextRestart < 0) return;
            if (commits.holding(() -> restart(checkpointer, RESTART_WAIT_MS))) {
                restartBackoffMs = 100;
            } else {
                nextRestart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(restartBackoffMs);
                restartBackoffMs = Math.min(2_000, restartBackoffMs * 2);
            }
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint failed; the next one will try again", e);
        }
    }

    /** Runs a checkpoint of this mode: the frames in the log, and how many of them are copied. */
    private long[] frames(String mode) {
        oneCheckpoint.lock();
        try {
            return checkpointer.createQuery("PRAGMA wal_checkpoint(" + mode + ")")
                    .map((rs, ctx) -> new long[] {rs.getLong(2), rs.getLong(3)}).one();
        } finally {
            oneCheckpoint.unlock();
        }
    }

    /**
     * After each commit, holding the writer: past {@link #URGENT_BYTES} (the background restart
     * kept failing) the writer restarts the log itself, every {@value #URGENT_LOOK_EVERY} commits,
     * waiting up to {@value #URGENT_WAIT_MS} ms for readers: a bounded disk matters more than a
     * slow commit.
     */
    void afterCommit(Handle writer) {
        if (++commitsUnlooked < URGENT_LOOK_EVERY) return;
        commitsUnlooked = 0;
        if (wal.length() > URGENT_BYTES) restart(writer, URGENT_WAIT_MS);
    }

    /**
     * Holding the writer lock: a RESTART checkpoint on {@code handle} copies what is left of the
     * WAL, and the next commit writes from the start of the file again (journal_size_limit cuts a
     * file past 48 MiB back to that size). RESTART reuses the file; TRUNCATE, used before, cut it to
     * nothing and took 15-25 ms a time under load, as the next commits grew it again. The restart
     * needs every reader out of the log, and history readers come and go all the time: left to
     * chance it kept failing under load (the WAL passed 80 MiB in WalBoundTest once the search
     * index made each message's writes larger). So this first takes every reader session (reads in
     * flight finish; new ones wait, a few milliseconds once per 4 MiB written). Readers it cannot
     * get within {@code waitMs}, a checkpoint still copying after {@code waitMs} more, or another
     * process's reader (say, an operator's sqlite3 shell) make it fail: true when the log was restarted.
     */
    private boolean restart(Handle handle, int waitMs) {
        List<Session> paused = readers.takeAll(waitMs);
        boolean all = paused.size() == readers.count();
        boolean alone = false;
        try {
            if (!all) return false;
            alone = oneCheckpoint.tryLock(waitMs, TimeUnit.MILLISECONDS);
            if (!alone) return false;
            handle.execute("PRAGMA busy_timeout = " + waitMs);
            return handle.createQuery("PRAGMA wal_checkpoint(RESTART)").mapTo(Integer.class).one() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.warn("WAL checkpoint (RESTART) failed; a later one will try again", e);
            return false;
        } finally {
            if (alone) oneCheckpoint.unlock();
            readers.giveBack(paused);
            // Only a restart that got this far set its own busy timeout.
            if (alone) handle.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
        }
    }

    /** Stops the checkpoints and waits for one running now, which still uses its connection. */
    @Override
    public void close() {
        if (!DaemonThreads.stop(thread, Duration.ofSeconds(5))) log.warn("A WAL checkpoint is still running at close");
    }
}
