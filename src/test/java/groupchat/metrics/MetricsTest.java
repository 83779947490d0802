package groupchat.metrics;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** METRICS=on serves Prometheus text at /metrics; off (the default) it is a 404. */
class MetricsTest {
    static final FakeOpenRouter openRouter = FakeOpenRouter.start();
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("METRICS", "on",
            "OPENROUTER_API_KEY", "sk-test", "OPENROUTER_BASE_URL", openRouter.baseUrl()));
    static final TestServer server = running.server();
    static final Api api = server.api();

    @AfterAll
    static void stopFake() {
        openRouter.close();
    }

    static String scrape() {
        Api.Response r = api.get("/metrics", null);
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
        return r.text();
    }

    /** The value of the first sample whose line starts with {@code series} (name and labels), or 0. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static void ask(TestUser user, String roomId, SseScript reply) {
        openRouter.enqueue(reply);
        try (TestSocket socket = TestSocket.connect(server, user.token())) {
            socket.join(roomId);
            api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", "@ai hi"));
            socket.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(20));
        }
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatusWithALatencyHistogram() {
        TestUser alice = running.newUser();
        String roomId = Rooms.create(api, alice, "metered", false);
        for (int i = 0; i < 3; i++) api.get("/api/rooms/" + roomId, alice.token());
        api.get("/api/rooms/00000000-0000-0000-0000-000000000000", alice.token());
        String text = scrape();
        String ok = "http_server_requests_seconds_count{method=\"GET\",route=\"/api/rooms/{room_id}\",status=\"200\"}";
        assertTrue(value(text, ok) >= 3, text);
        assertTrue(text.contains("route=\"/api/rooms/{room_id}\",status=\"404\""), text);
        assertFalse(text.contains(roomId), "raw paths never become labels");
        assertTrue(text.contains("http_server_requests_seconds_bucket{"), "a latency histogram");
        assertTrue(text.contains("le=\"0.1\""), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
        // SQLite's write-ahead log; PostgreSQL has no such file beside the server.
        assertEquals(server.postgres() == null, text.contains("groupchat_sqlite_wal_bytes"), text);
    }

    @Test
    void chatFiguresFollowWhatHappens() throws Exception {
        TestUser bob = running.newUser();
        String roomId = Rooms.create(api, bob, "busy", false);
        double storedBefore = value(scrape(), "groupchat_messages_stored_total{kind=\"user\"}");
        try (TestSocket socket = TestSocket.connect(server, bob.token())) {
            socket.join(roomId);
            assertEquals(1, value(scrape(), "groupchat_websocket_connections"), 0.0);
            api.post("/api/rooms/" + roomId + "/messages", bob.token(), obj("content", "one"));
            api.post("/api/rooms/" + roomId + "/messages", bob.token(), obj("content", "two"));
        }
        String text = scrape();
        assertEquals(storedBefore + 2, value(text, "groupchat_messages_stored_total{kind=\"user\"}"), 0.0);

        ask(bob, roomId, SseScript.stream().model("fake/metered").role().content("hello").finish("stop")
                .usage(30, 12, 0.5).done());
        openRouter.enqueue(exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        try (TestSocket socket = TestSocket.connect(server, bob.token())) {
            socket.join(roomId);
            api.post("/api/rooms/" + roomId + "/messages", bob.token(), obj("content", "@ai again"));
            socket.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(20));
        }
        text = scrape();
        assertEquals(1, value(text, "groupchat_ai_answers_total{model=\"fake/metered\"}"), 0.0);
        assertEquals(0.5, value(text, "groupchat_ai_cost_usd_total{model=\"fake/metered\"}"), 1e-9);
        assertEquals(30, value(text, "groupchat_ai_tokens_total{type=\"prompt\"}"), 0.0);
        assertEquals(12, value(text, "groupchat_ai_tokens_total{type=\"completion\"}"), 0.0);
        assertEquals(1, value(text, "groupchat_ai_upstream_errors_total"), 0.0);
        assertEquals(1, value(text, "groupchat_messages_stored_total{kind=\"ai\"}"), 0.0);
    }

    @Test
    void offByDefaultAndAnUnknownValueStopsTheStart() {
        try (TestServer plain = TestServer.start()) {
            assertEquals(404, plain.api().get("/metrics", null).status());
            assertEquals(404, plain.api().get("/metrics/", null).status());
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(groupchat.config.ConfigException.class,
                () -> TestServer.start(Map.of("METRICS", "maybe")));
        assertTrue(e.getMessage().contains("METRICS"), e.getMessage());
    }
}
