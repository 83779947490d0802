package groupchat.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory: a key may act {@code perMinute} times at once, and the
 * bucket refills at {@code perMinute} tokens a minute. It sits on the message hot path, so an
 * allowed action costs one map lookup and one uncontended lock; full buckets (keys that have been
 * quiet for a minute) are dropped by an occasional sweep, so memory follows the active keys.
 */
public final class TokenBuckets implements RateLimiter {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final long SWEEP_EVERY_NANOS = NANOS_PER_MINUTE;

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public TokenBuckets(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests move it by hand) */
    public TokenBuckets(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) throw new IllegalArgumentException("perMinute must be at least 1");
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / (double) NANOS_PER_MINUTE;
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public long acquire(String key) {
        long now = nanoTime.getAsLong();
        sweepNowAndThen(now);
        while (true) {
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
            synchronized (bucket) {
                // A bucket the sweep removed meanwhile is stale: take the map's current one.
                if (bucket.removed) continue;
                bucket.refill(now, capacity, tokensPerNano);
                if (bucket.tokens >= 1) {
                    bucket.tokens -= 1;
                    return 0;
                }
                double nanosToWait = (1 - bucket.tokens) / tokensPerNano;
                return Math.max(1, (long) Math.ceil(nanosToWait / 1_000_000_000d));
            }
        }
    }

    /** How many keys are being tracked: memory follows the keys active in the last minute. */
    public int trackedKeys() {
        return buckets.size();
    }

    private void sweepNowAndThen(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) return;
        buckets.forEach((key, bucket) -> {
            synchronized (bucket) {
                bucket.refill(now, capacity, tokensPerNano);
                // A full bucket is the same as no bucket: forget the key.
                if (bucket.tokens >= capacity && buckets.remove(key, bucket)) bucket.removed = true;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;
        boolean removed;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now, double capacity, double tokensPerNano) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
