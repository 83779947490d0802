package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.web.Json;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    /** A clock the test moves by hand, to expire the cache without waiting. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void expiredCacheIsRefreshedAndStillServedWhenUpstreamIsDown() {
        try (FakeOpenRouter upstream = FakeOpenRouter.start()) {
            HandClock clock = new HandClock();
            ModelCatalog catalog = new ModelCatalog(HttpClient.newHttpClient(), Json.newMapper(), upstream.baseUrl(),
                    "sk", "x/default", List.of(), true, Duration.ofMinutes(10), Duration.ofSeconds(5), clock);
            upstream.models(200, AiRoutesTest.MODELS);
            assertEquals(2, catalog.list().size());
            upstream.models(200, "{\"data\":[{\"id\":\"only/one\",\"name\":\"One\",\"context_length\":8,"
                    + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");
            clock.now = clock.now.plus(Duration.ofMinutes(5));
            assertEquals(2, catalog.list().size(), "fresh cache: no upstream call");
            assertEquals(1, upstream.modelsCalls());
            clock.now = clock.now.plus(Duration.ofMinutes(6));
            assertEquals("only/one", catalog.list().get(0).id());
            assertEquals(2, upstream.modelsCalls());

            upstream.models(500, "oops");
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertEquals("only/one", catalog.list().get(0).id(), "stale list served while upstream is down");
            assertEquals(3, upstream.modelsCalls());
        }
    }
}
