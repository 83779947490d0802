package groupchat.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import groupchat.background.DaemonThreads;
import groupchat.web.ApiError;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id hashing on a small pool of its own: a burst of logins queues here (and is refused
 * with 429 when the queue is full) instead of taking every CPU from the rest of the server.
 */
public final class Passwords implements AutoCloseable {
    // OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;

    private final ThreadPoolExecutor pool;
    // Loaded by the first hash (the dummy one once the server serves, {@link #warmUp}): loading
    // JNA and the native library is some 50 ms of CPU that start-up on two cores need not share.
    private Argon2 argon2;
    // Checked against for unknown usernames, so both failures of a login cost the same time. Made
    // once the server serves ({@link #warmUp}): a hash is a core's worth of work start-up need not share.
    private Future<String> dummyHash;

    public Passwords() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), DaemonThreads.numbered("argon2"));
    }

    /** Loads the library and makes the dummy hash in the background (else the first login does both). */
    public void warmUp() {
        dummyHash();
    }

    private synchronized Future<String> dummyHash() {
        if (dummyHash == null) dummyHash = pool.submit(() -> hashNow("not a real password".toCharArray()));
        return dummyHash;
    }

    public String hash(String password) {
        return run(() -> hashNow(password.toCharArray()));
    }

    public boolean verify(String hash, String password) {
        String against = hash == null ? await(dummyHash()) : hash;
        boolean matches = run(() -> argon2().verify(against, password.toCharArray()));
        return hash != null && matches;
    }

    private String hashNow(char[] password) {
        Argon2 hasher = argon2();
        try {
            return hasher.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, password);
        } finally {
            hasher.wipeArray(password);
        }
    }

    private synchronized Argon2 argon2() {
        if (argon2 == null) argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
        return argon2;
    }

    private <T> T run(java.util.concurrent.Callable<T> work) {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw ApiError.rateLimited(1);
        }
        return await(future);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
