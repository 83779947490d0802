package groupchat.cluster;

import groupchat.ratelimit.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Rate limits counted in the shared database (Bucket4j's PostgreSQL backend, one row per limit
 * and key in {@code rate_buckets}), so every server draws from the same budget. The buckets
 * behave like the in-memory {@code TokenBuckets}: {@code perMinute} at once, refilled at that rate.
 */
public final class SharedBuckets {
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    public SharedBuckets(DataSource db) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(db)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_buckets")
                // A row is useless once its bucket would be full again: it may then be removed.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** A limiter of {@code perMinute} actions per key; {@code name} keeps its keys apart from other limits'. */
    public RateLimiter limiter(String name, int perMinute) {
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
        ProxyManager<String> proxies = buckets;
        return key -> {
            ConsumptionProbe probe = proxies.builder().build(name + ":" + key, () -> config)
                    .tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) return 0;
            return Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000d));
        };
    }

    /** Deletes rows of buckets that have refilled (a batch per call); returns how many went. */
    public int removeFull() {
        return buckets.removeExpired(1_000);
    }
}
