package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow tier (30 s). Sustained writes at full speed with history readers beside them: the SQLite
 * write-ahead log must stay under 64 MiB. Before the writer truncated it, 45 s of this left a
 * 1.5 GiB {@code chat.db-wal}: with readers always active, the background checkpoint could copy
 * pages but never restart the log.
 */
@Tag("slow")
class WalBoundTest {
    private static final int WRITERS = 24;
    private static final int READERS = 4;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("wal.seconds", 30));
    private static final long LIMIT = 64L * 1_048_576;

    @Test
    void theWriteAheadLogStaysUnder64MiBUnderSustainedWrites() throws Exception {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser owner = api.register("owner");
            String room = api.post("/api/rooms", owner.token(), Api.obj("name", "firehose", "is_public", true))
                    .body().get("id").asText();
            List<TestUser> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                TestUser writer = api.register("writer" + i);
                assertEquals(200, api.post("/api/rooms/" + room + "/join", writer.token(), null).status());
                writers.add(writer);
            }
            File wal = server.dir().resolve("chat.db-wal").toFile();
            String text = "A message long enough to look like chat, with some words in it. ".repeat(4);
            AtomicInteger stored = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            AtomicLong largestWal = new AtomicLong();
            long end = System.nanoTime() + RUN_NANOS;

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS + 1);
            try {
                List<CompletableFuture<Void>> work = new ArrayList<>();
                for (TestUser writer : writers) {
                    work.add(CompletableFuture.runAsync(() -> {
                        for (int n = 0; System.nanoTime() < end; n++) {
                            Api.Response r = api.post("/api/rooms/" + room + "/messages", writer.token(),
                                    Api.obj("content", n + " " + text));
                            assertEquals(201, r.status(), r.toString());
                            stored.incrementAndGet();
                        }
                    }, pool));
                }
                for (int i = 0; i < READERS; i++) {
                    work.add(CompletableFuture.runAsync(() -> {
                        while (System.nanoTime() < end) {
                            assertEquals(200, api.get("/api/rooms/" + room + "/messages?limit=50", owner.token()).status());
                            reads.incrementAndGet();
                        }
                    }, pool));
                }
                work.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < end) {
                        largestWal.accumulateAndGet(wal.length(), Math::max);
                        sleep(20);
                    }
                }, pool));
                CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(RUN_NANOS + 60_000_000_000L,
                        TimeUnit.NANOSECONDS);
            } finally {
                pool.shutdownNow();
            }
            largestWal.accumulateAndGet(wal.length(), Math::max);
            long database = server.dir().resolve("chat.db").toFile().length();
            System.out.printf("WalBoundTest: %d messages stored and %d history pages read in %d s; largest WAL %.1f MiB,"
                            + " WAL at the end %.1f MiB, database %.1f MiB%n", stored.get(), reads.get(),
                    TimeUnit.NANOSECONDS.toSeconds(RUN_NANOS), largestWal.get() / 1_048_576.0,
                    wal.length() / 1_048_576.0, database / 1_048_576.0);
            assertTrue(stored.get() > 1_000, "the load was real: " + stored.get() + " messages");
            assertTrue(largestWal.get() < LIMIT, "largest WAL " + largestWal.get() + " bytes");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
