package groupchat.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: how long a write waits in {@link GroupCommit} when many threads write at once, on
 * a real SQLite file (see bench/README.md). Arguments: threads, seconds (the first 3 are not
 * counted), and each thread's pause between writes in microseconds (0: flat out).
 */
public final class GroupCommitBench {
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(3);

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        long pauseMicros = Long.parseLong(args[2]);
        Path dir = Files.createTempDirectory("group-commit-bench");
        try (SqliteDatabase db = new SqliteDatabase(dir.resolve("chat.db"))) {
            db.write(h -> h.handle().execute(
                    "CREATE TABLE m (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)"));
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    long[] waits = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String id = UUID.randomUUID().toString();
                        long before = System.nanoTime();
                        db.write(h -> h.handle().createUpdate("INSERT INTO m (id, body) VALUES (:id, :body)")
                                .bind("id", id).bind("body", "a short chat message " + id).execute());
                        if (before - start > WARM_UP_NANOS && n < waits.length) waits[n++] = System.nanoTime() - before;
                        if (pauseMicros > 0) LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
                    }
                    return Arrays.copyOf(waits, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> run : runs) all.add(run.get());
            pool.shutdown();
            long[] waits = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("%d threads, pause %d us: %.0f writes/s; p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f ms%n",
                    threads, pauseMicros, waits.length / (seconds - WARM_UP_NANOS / 1e9), ms(waits, 0.5),
                    ms(waits, 0.99), ms(waits, 0.999), waits[waits.length - 1] / 1e6);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) (sorted.length * quantile)] / 1e6;
    }
}
