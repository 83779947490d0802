package groupchat.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Upload;
import groupchat.testsupport.RawWebSocket;
import groupchat.testsupport.Api;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.config.ConfigException;
import groupchat.config.ConfigLoader;
import groupchat.config.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rate limit, with RATE_LIMITS=on (the other tests run with it off) and small limits. */
class RateLimitTest {
    static TestServer limited(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of("RATE_LIMITS", "on"));
        for (int i = 0; i < keyValues.length; i += 2) env.put(keyValues[i], keyValues[i + 1]);
        return TestServer.start(env);
    }

    static void assertRateLimited(Api.Response r) {
        assertEquals(429, r.status(), r.toString());
        assertEquals("rate_limited", r.body().get("code").asText());
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }

    @Test
    void signInRoutesShareOneLimitPerClientAddress() {
        try (TestServer server = limited("RATE_LIMIT_AUTH_PER_MINUTE", "4")) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            assertEquals(401, api.post("/api/auth/login", null, Api.obj("username", "alice", "password", "wrong-one"))
                    .status());
            assertEquals(200, api.post("/api/auth/nostr/challenge", null, Api.obj()).status());
            assertEquals(401, api.post("/api/auth/nostr/verify", null, Api.obj("event", Api.obj())).status());
            assertRateLimited(api.post("/api/auth/login", null, Api.obj("username", "alice", "password", "password123")));
            assertRateLimited(api.post("/api/auth/register", null, Api.obj("username", "bob", "password", "password123")));
            assertRateLimited(api.post("/api/auth/nostr/verify", null, Api.obj("event", Api.obj())));
            // Signed-in routes are not sign-in attempts.
            for (int i = 0; i < 10; i++) assertEquals(200, api.get("/api/auth/me", alice.token()).status());
        }
    }

    @Test
    void messagesAreLimitedPerUserOverHttpAndWebSocketTogether() {
        try (TestServer server = limited("RATE_LIMIT_MESSAGES_PER_MINUTE", "4")) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            TestUser bob = api.register("bob");
            String room = Rooms.create(server.api(), alice, "busy", false);
            api.put("/api/rooms/" + room, alice.token(), Api.obj("is_public", true));
            assertEquals(200, api.post("/api/rooms/" + room + "/join", bob.token(), null).status());
            try (TestSocket ws = TestSocket.connect(server, alice.token())) {
                ws.join(room);
                for (int i = 0; i < 2; i++) {
                    assertEquals(201, api.post("/api/rooms/" + room + "/messages", alice.token(),
                            Api.obj("content", "http " + i)).status());
                }
                for (int i = 0; i < 2; i++) {
                    ws.send(Api.obj("type", "send_message", "room_id", room, "content", "ws " + i));
                    String expected = "ws " + i;
                    ws.await(f -> "new_message".equals(f.path("type").asText())
                            && expected.equals(f.path("message").path("content").asText()));
                }
                assertRateLimited(api.post("/api/rooms/" + room + "/messages", alice.token(), Api.obj("content", "5")));
                ws.send(Api.obj("type", "send_message", "room_id", room, "content", "6", "client_msg_id", "c6"));
                JsonNode error = ws.awaitType("error");
                assertEquals("rate_limited", error.get("code").asText());
                assertEquals("c6", error.get("client_msg_id").asText());
                assertTrue(error.get("error").asText().contains("retry in"), error.toString());
            }
            assertEquals(201, api.post("/api/rooms/" + room + "/messages", bob.token(),
                    Api.obj("content", "bob has his own limit")).status());
            JsonNode history = api.get("/api/rooms/" + room + "/messages", alice.token()).body();
            assertEquals(5, history.size(), "refused messages are not stored: " + history);
        }
    }

    @Test
    void uploadsAreLimitedPerUserAcrossImagesAndAvatars() {
        try (TestServer server = limited("RATE_LIMIT_UPLOADS_PER_MINUTE", "2")) {
            TestUser alice = server.api().register("alice");
            TestUser bob = server.api().register("bob");
            assertEquals(201, Upload.png(server, "/api/upload", alice.token()).status());
            assertEquals(200, Upload.png(server, "/api/auth/avatar", alice.token()).status());
            assertRateLimited(Upload.png(server, "/api/upload", alice.token()));
            assertRateLimited(Upload.png(server, "/api/auth/avatar", alice.token()));
            assertEquals(201, Upload.png(server, "/api/upload", bob.token()).status());
            assertEquals(401, Upload.png(server, "/api/upload", null).status(), "no token is still 401 first");
        }
    }

    @Test
    void aiAnswersOverTheRoomLimitAreSkippedWithOneNotice() {
        try (FakeOpenRouter openRouter = FakeOpenRouter.start();
             TestServer server = limited("RATE_LIMIT_AI_ANSWERS_PER_MINUTE", "1", "OPENROUTER_API_KEY", "sk-or-test",
                     "OPENROUTER_BASE_URL", openRouter.baseUrl())) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            String room = Rooms.create(server.api(), alice, "chatty", false);
            String quiet = Rooms.create(server.api(), alice, "quiet", false);
            try (TestSocket ws = TestSocket.connect(server, alice.token())) {
                ws.join(room);
                ws.join(quiet);
                post(api, alice, room, "@ai first question");
                JsonNode end = ws.awaitType("ai_stream_end");
                assertEquals("ai", end.get("message").get("kind").asText());
                ws.await(f -> "ai_typing".equals(f.path("type").asText()) && !f.path("is_typing").asBoolean());

                post(api, alice, room, "@ai second question");
                JsonNode notice = ws.await(f -> "new_message".equals(f.path("type").asText())
                        && "system".equals(f.path("message").path("kind").asText()));
                assertEquals(room, notice.get("room_id").asText());
                assertTrue(notice.get("message").get("content").asText().contains("limit"), notice.toString());

                // Over the limit again: skipped, but no second notice.
                post(api, alice, room, "@ai third question");
                // Another room has its own limit.
                post(api, alice, quiet, "@ai are you there");
                JsonNode other = ws.awaitType("ai_stream_end");
                assertEquals(quiet, other.get("room_id").asText());
            }
            assertEquals(2, openRouter.requests().size(), "one answer per room");
            JsonNode history = api.get("/api/rooms/" + room + "/messages", alice.token()).body();
            long notices = 0;
            for (JsonNode m : history) if (m.get("kind").asText().equals("system")) notices++;
            assertEquals(1, notices, history.toString());
            assertEquals(5, history.size(), "3 questions, 1 answer, 1 notice: " + history);
        }
    }

    @Test
    void webSocketConnectionsArePerUserCappedAtTheUpgrade() throws Exception {
        try (TestServer server = limited("WS_MAX_CONNECTIONS_PER_USER", "2")) {
            TestUser alice = server.api().register("alice");
            TestUser bob = server.api().register("bob");
            // ready(): the upgrade's 101 can reach the client before the server counts the connection.
            TestSocket first = TestSocket.connect(server, alice.token()).ready();
            try (TestSocket second = TestSocket.connect(server, alice.token()).ready();
                 RawWebSocket third = RawWebSocket.open(server.port(), "/ws?token=" + alice.token(), Map.of());
                 TestSocket bobs = TestSocket.connect(server, bob.token())) {
                assertEquals(429, third.status(), third.responseHead());
                assertTrue(Long.parseLong(third.header("Retry-After")) >= 1);
                String text = third.readBody();
                JsonNode body = Api.JSON.readTree(text);
                assertEquals("rate_limited", body.path("code").asText(), third.responseHead() + text);
                bobs.send(Api.obj("type", "ping"));
                bobs.awaitType("pong");
                second.send(Api.obj("type", "ping"));
                second.awaitType("pong");

                // A closed connection frees its place (the server notices the close asynchronously).
                first.close();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                int status;
                do {
                    try (RawWebSocket again = RawWebSocket.open(server.port(), "/ws?token=" + alice.token(),
                            Map.of())) {
                        status = again.status();
                    }
                    if (status != 101) Thread.sleep(50);
                } while (status != 101 && System.nanoTime() < deadline);
                assertEquals(101, status);
            }
        }
    }

    @Test
    void parallelConnectsCannotOvershootTheCap() throws Exception {
        try (TestServer server = limited("WS_MAX_CONNECTIONS_PER_USER", "2")) {
            TestUser alice = server.api().register("alice");
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            List<CompletableFuture<java.net.http.WebSocket>> attempts = new ArrayList<>();
            List<CompletableFuture<String>> closes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                CompletableFuture<String> closed = new CompletableFuture<>();
                closes.add(closed);
                attempts.add(client.newWebSocketBuilder().buildAsync(java.net.URI.create(server.wsUrl(alice.token())),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws,
                                                                                  int code, String reason) {
                                closed.complete(code + " " + reason);
                                return null;
                            }
                        }));
            }
            int open = 0;
            for (int i = 0; i < attempts.size(); i++) {
                try {
                    attempts.get(i).join();
                } catch (java.util.concurrent.CompletionException refusedAtUpgrade) {
                    continue;
                }
                try {
                    String close = closes.get(i).get(2, java.util.concurrent.TimeUnit.SECONDS);
                    assertTrue(close.startsWith("1008"), close);
                } catch (java.util.concurrent.TimeoutException stillOpen) {
                    open++;
                }
            }
            assertEquals(2, open, "connections left open");
        }
    }

    @Test
    void limitsAreReadFromTheEnvironmentWithDefaults() {
        Limits defaults = ConfigLoader.load(Map.of()).limits();
        assertEquals(new Limits(20, 120, 20, 10, 20, 75), defaults);
        Limits set = ConfigLoader.load(Map.of("RATE_LIMIT_AUTH_PER_MINUTE", "5", "RATE_LIMIT_MESSAGES_PER_MINUTE", "6",
                "RATE_LIMIT_UPLOADS_PER_MINUTE", "7", "RATE_LIMIT_AI_ANSWERS_PER_MINUTE", "8",
                "WS_MAX_CONNECTIONS_PER_USER", "9", "WS_IDLE_TIMEOUT_SECONDS", "10")).limits();
        assertEquals(new Limits(5, 6, 7, 8, 9, 10), set);
        ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("RATE_LIMIT_MESSAGES_PER_MINUTE", "0", "WS_IDLE_TIMEOUT_SECONDS", "soon")));
        assertEquals(2, bad.problems().size(), bad.getMessage());
    }

    @Test
    void rateLimitsOffLiftsEveryLimit() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMITS", "off", "RATE_LIMIT_AUTH_PER_MINUTE", "1",
                "RATE_LIMIT_MESSAGES_PER_MINUTE", "1", "WS_MAX_CONNECTIONS_PER_USER", "1"))) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, api.post("/api/auth/login", null,
                        Api.obj("username", "alice", "password", "password123")).status());
            }
            String room = Rooms.create(server.api(), alice, "free", false);
            for (int i = 0; i < 3; i++) assertEquals(201, post(api, alice, room, "message " + i).status());
            try (TestSocket a = TestSocket.connect(server, alice.token());
                 TestSocket b = TestSocket.connect(server, alice.token())) {
                b.send(Api.obj("type", "ping"));
                b.awaitType("pong");
            }
        }
    }

    private static Api.Response post(Api api, TestUser user, String room, String content) {
        Api.Response r = api.post("/api/rooms/" + room + "/messages", user.token(), Api.obj("content", content));
        assertEquals(201, r.status(), r.toString());
        return r;
    }

    @Test
    void editsDeletesAndReactionsShareTheMessageBudget() {
        try (TestServer server = limited("RATE_LIMIT_MESSAGES_PER_MINUTE", "4")) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            String roomId = Rooms.create(api, alice, "busy", false);
            String message = "/api/rooms/" + roomId + "/messages/"
                    + api.post("/api/rooms/" + roomId + "/messages", alice.token(), Api.obj("content", "hi")).body()
                    .get("id").asText();
            assertEquals(200, api.put(message + "/reactions/a", alice.token(), null).status());
            assertEquals(200, api.delete(message + "/reactions/a", alice.token()).status());
            assertEquals(200, api.send("PATCH", message, alice.token(), Api.obj("content", "hello"), null).status());
            assertRateLimited(api.put(message + "/reactions/b", alice.token(), null));
            assertRateLimited(api.delete(message, alice.token()));
            assertRateLimited(api.post("/api/rooms/" + roomId + "/messages", alice.token(), Api.obj("content", "x")));
        }
    }
}
