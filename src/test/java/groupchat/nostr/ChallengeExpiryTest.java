package groupchat.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.App;
import groupchat.config.ConfigLoader;
import groupchat.testsupport.Api;
import groupchat.testsupport.MovableClock;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server on a clock the test moves, for the challenge's 5-minute lifetime. */
class ChallengeExpiryTest {
    Path dir;
    MovableClock clock;
    App app;
    Api api;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("groupchat-nostr-clock");
        clock = new MovableClock();
        app = new App(ConfigLoader.load(TestServer.env(dir, Map.of())), clock).start();
        api = new Api("http://127.0.0.1:" + app.port());
    }

    @AfterEach
    void stop() throws IOException {
        app.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    ObjectNode eventNow(NostrSigner key, String challenge) {
        return key.event(clock.instant().getEpochSecond(), 22242, List.of(List.of("challenge", challenge)), "");
    }

    @Test
    void challengeWorksUntilFiveMinutes() {
        String challenge = NostrLoginTest.challenge(api);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(200, NostrLoginTest.verify(api, eventNow(NostrSigner.generate(), challenge), null).status());
    }

    @Test
    void expiredChallengeIsRefused() {
        String challenge = NostrLoginTest.challenge(api);
        clock.advance(Duration.ofMinutes(5));
        NostrLoginTest.assertRefused(NostrLoginTest.verify(api, eventNow(NostrSigner.generate(), challenge), null),
                "expired");
        // Issuing a new challenge clears expired rows; the old one stays refused.
        NostrLoginTest.challenge(api);
        NostrLoginTest.assertRefused(NostrLoginTest.verify(api, eventNow(NostrSigner.generate(), challenge), null),
                "expired");
    }

    @Test
    void createdAtIsJudgedByTheServerClock() {
        NostrSigner key = NostrSigner.generate();
        long serverNow = clock.instant().getEpochSecond();
        for (long skew : new long[] {-600, 600}) {
            List<List<String>> tag = List.of(List.of("challenge", NostrLoginTest.challenge(api)));
            long outside = serverNow + skew + Long.signum(skew);
            NostrLoginTest.assertRefused(NostrLoginTest.verify(api, key.event(outside, 22242, tag, ""), null),
                    "10 minutes");
            assertEquals(200, NostrLoginTest.verify(api, key.event(serverNow + skew, 22242, tag, ""), null).status());
        }
    }
}
