package groupchat.search;

import groupchat.background.DaemonThreads;
import groupchat.storage.Database;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's search index (FTS5), filled in batches. Indexed inside each post's commit, a message
 * cost FTS5 a new segment of its own, the largest single part of storing it (about 70 of 190 us
 * and 20 KiB of WAL). So posting leaves it to this class, which indexes whatever was stored since
 * its last batch: every {@value #EVERY_MS} ms in the background, and at once before each search,
 * so a search still finds every message stored before it. Edits and deletions of messages already
 * indexed keep the index in step by triggers; the others need nothing (sql/V8__search_in_batches).
 * PostgreSQL keeps its own index: there this does nothing.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    static final int EVERY_MS = 250;

    interface Dao {
        @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM messages")
        long newestSeq();

        /** Both statements read the progress row, so a batch is right whatever ran before it. */
        @SqlUpdate("INSERT INTO messages_fts (rowid, content) SELECT seq, content FROM messages"
                + " WHERE seq > (SELECT indexed_seq FROM search_progress)")
        void indexNew();

        @SqlUpdate("UPDATE search_progress SET indexed_seq = :seq WHERE indexed_seq < :seq")
        void indexedUpTo(long seq);
    }

    private final Database db;
    private final ScheduledExecutorService timer;
    /** The newest message known to be indexed, so an idle server writes nothing. */
    private volatile long indexed = -1;

    /** For the database in use; batches begin with {@link #start()}. */
    public SearchIndex(Database db) {
        this.db = db;
        boolean batches = db.dialect() == Database.Dialect.SQLITE;
        this.timer = !batches ? null : DaemonThreads.timer("search-index");
    }

    /** Indexes in the background from now on (a search still catches up first either way). */
    public void start() {
        if (timer != null) timer.scheduleWithFixedDelay(this::inBackground, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Indexes every message stored so far (a search calls this first). */
    public synchronized void catchUp() {
        if (timer == null) return;
        long newest = db.read(h -> h.attach(Dao.class).newestSeq());
        if (newest <= indexed) return;
        db.write(h -> {
            Dao dao = h.attach(Dao.class);
            // The newest message now may be later than the one read above: it is indexed too.
            dao.indexNew();
            dao.indexedUpTo(dao.newestSeq());
            return null;
        });
        indexed = newest;
    }

    private void inBackground() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("Indexing new messages for search failed; the next batch will try again", e);
        }
    }

    @Override
    public void close() {
        if (timer == null) return;
        // A batch running now still uses the database, which closes after this.
        DaemonThreads.stop(timer, Duration.ofSeconds(5));
    }
}
