package groupchat.auth;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Logout, password changes that end the other sessions, and the limit on password guesses. */
class SessionsTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static String login(Api api, String username, String password) {
        Response r = api.post("/api/auth/login", null, obj("username", username, "password", password));
        assertEquals(200, r.status(), r.toString());
        return r.body().get("token").asText();
    }

    static String closeOf(TestSocket socket) throws Exception {
        return socket.closed().get(10, TimeUnit.SECONDS);
    }

    static void assertOpen(TestSocket socket) {
        socket.send(obj("type", "ping"));
        socket.awaitType("pong");
    }

    @Test
    void logoutRevokesOnlyTheTokenItWasCalledWith() throws Exception {
        var alice = running.newUser();
        String other = login(api, alice.username(), "password123");
        try (TestSocket loggedOut = TestSocket.connect(server, alice.token());
             TestSocket stays = TestSocket.connect(server, other)) {
            assertOpen(loggedOut);
            Response r = api.post("/api/auth/logout", alice.token(), null);
            assertEquals(204, r.status(), r.toString());

            assertTrue(closeOf(loggedOut).startsWith("4001"), "closed with 4001");
            Response me = api.get("/api/auth/me", alice.token());
            assertEquals(401, me.status());
            assertEquals("unauthorized", me.body().get("code").asText());
            assertEquals(401, api.get("/api/rooms", alice.token()).status());
            assertEquals(401, api.post("/api/auth/logout", alice.token(), null).status());
            assertEquals(200, api.get("/api/auth/me", other).status());
            assertOpen(stays);
            assertFalse(stays.closed().isDone());
        }
    }

    @Test
    void aRevokedTokenCannotOpenAWebSocket() {
        var bob = running.newUser();
        assertEquals(204, api.post("/api/auth/logout", bob.token(), null).status());
        var failure = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.wsUrl(bob.token())), new WebSocket.Listener() { }).join());
        assertEquals(401, ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode());
    }

    @Test
    void passwordChangeRevokesEveryOtherTokenAndClosesTheirSockets() throws Exception {
        var carol = running.newUser();
        String laptop = login(api, carol.username(), "password123");
        String phone = login(api, carol.username(), "password123");
        try (TestSocket onLaptop = TestSocket.connect(server, laptop);
             TestSocket onThisDevice = TestSocket.connect(server, carol.token())) {
            assertOpen(onLaptop);
            Response changed = api.put("/api/auth/profile", carol.token(),
                    obj("current_password", "password123", "new_password", "new-password-456"));
            assertEquals(200, changed.status(), changed.toString());

            assertTrue(closeOf(onLaptop).startsWith("4001"));
            assertEquals(401, api.get("/api/auth/me", laptop).status());
            assertEquals(401, api.get("/api/auth/me", phone).status());
            assertEquals(200, api.get("/api/auth/me", carol.token()).status(), "the token used stays valid");
            assertOpen(onThisDevice);
        }
        assertEquals(401, api.post("/api/auth/login", null,
                obj("username", carol.username(), "password", "password123")).status());
        assertNotNull(login(api, carol.username(), "new-password-456"));
    }

    @Test
    void aWrongCurrentPasswordRevokesNothing() {
        var dave = running.newUser();
        String other = login(api, dave.username(), "password123");
        Response r = api.put("/api/auth/profile", dave.token(),
                obj("current_password", "not-the-password", "new_password", "new-password-456"));
        assertEquals(403, r.status());
        assertEquals(200, api.get("/api/auth/me", other).status());
    }

    @Test
    void revocationsOutliveARestart() {
        try (TestServer own = TestServer.start()) {
            var erin = own.api().register("erin");
            String kept = login(own.api(), "erin", "password123");
            assertEquals(204, own.api().post("/api/auth/logout", erin.token(), null).status());
            try (TestServer restarted = own.restart(Map.of())) {
                assertEquals(401, restarted.api().get("/api/auth/me", erin.token()).status());
                assertEquals(200, restarted.api().get("/api/auth/me", kept).status());
            }
        }
    }

    @Test
    void passwordGuessesWithAStolenTokenAreLimitedLikeSignIn() {
        try (TestServer limited = TestServer.start(Map.of("RATE_LIMITS", "on", "RATE_LIMIT_AUTH_PER_MINUTE", "3"))) {
            var frank = limited.api().register("frank");
            long started = System.nanoTime();
            int checked = 0;
            int refused = 0;
            for (int i = 0; i < 60; i++) {
                Response r = limited.api().put("/api/auth/profile", frank.token(),
                        obj("current_password", "guess-" + i, "new_password", "new-password-456"));
                if (r.status() == 403) checked++;
                if (r.status() == 429) {
                    refused++;
                    assertEquals("rate_limited", r.body().get("code").asText());
                    assertNotNull(r.header("Retry-After"));
                }
            }
            // The address had 3 a minute, less the one sign-up; it refills at 3 a minute meanwhile.
            long refilled = (System.nanoTime() - started) * 3 / 60_000_000_000L;
            assertTrue(checked <= 2 + refilled, "guesses checked: " + checked + ", refilled: " + refilled);
            assertEquals(60, checked + refused);
            // A display name change is not a password guess and is not limited.
            assertEquals(200, limited.api().put("/api/auth/profile", frank.token(), obj("display_name", "F")).status());
        }
    }
}
