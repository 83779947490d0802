package groupchat.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.ratelimit.RateLimiter;
import groupchat.ratelimit.TokenBuckets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(0);

    @Test
    void aKeyMayActItsLimitAtOnceThenWaitsForRefill() {
        RateLimiter limiter = new TokenBuckets(6, now::get);
        for (int i = 0; i < 6; i++) assertEquals(0, limiter.acquire("alice"), "action " + i);
        // 6 a minute is one every 10 s: the 7th has to wait the full 10 s.
        assertEquals(10, limiter.acquire("alice"));
        now.addAndGet(4 * SECOND);
        assertEquals(6, limiter.acquire("alice"), "refused actions take nothing");
        now.addAndGet(6 * SECOND);
        assertEquals(0, limiter.acquire("alice"));
        assertEquals(10, limiter.acquire("alice"));
    }

    @Test
    void keysAreCountedApart() {
        RateLimiter limiter = new TokenBuckets(1, now::get);
        assertEquals(0, limiter.acquire("alice"));
        assertEquals(60, limiter.acquire("alice"));
        assertEquals(0, limiter.acquire("bob"));
    }

    @Test
    void retryAfterIsAlwaysAWholeSecondOrMore() {
        RateLimiter limiter = new TokenBuckets(600, now::get);
        for (int i = 0; i < 600; i++) limiter.acquire("k");
        assertEquals(1, limiter.acquire("k"), "0.1 s to wait is said as 1 s");
    }

    @Test
    void quietKeysAreForgottenAndComeBackFull() {
        TokenBuckets limiter = new TokenBuckets(2, now::get);
        for (int i = 0; i < 1000; i++) limiter.acquire("user-" + i);
        now.addAndGet(61 * SECOND);
        limiter.acquire("fresh");
        assertEquals(1, limiter.trackedKeys(), "full buckets are dropped by the sweep");
        assertEquals(0, limiter.acquire("user-1"));
        assertEquals(0, limiter.acquire("user-1"));
        assertTrue(limiter.acquire("user-1") > 0);
    }
}
