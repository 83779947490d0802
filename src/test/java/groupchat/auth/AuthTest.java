package groupchat.auth;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    @Test
    void registerReturnsTokenAndUser() {
        Response r = api.post("/api/auth/register", null, obj("username", "alice", "password", "password123",
                "display_name", "  Alice A.  "));
        assertEquals(201, r.status(), r.toString());
        assertNotNull(r.body().get("token").asText());
        var user = r.body().get("user");
        assertEquals("alice", user.get("username").asText());
        assertEquals("Alice A.", user.get("display_name").asText());
        assertTrue(user.get("avatar_url").isNull());
        assertTrue(user.get("nostr_pubkey").isNull());
        assertTrue(user.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        Response me = api.get("/api/auth/me", r.body().get("token").asText());
        assertEquals(200, me.status());
        assertEquals(user, me.body());
    }

    @Test
    void displayNameDefaultsToUsername() {
        Response r = api.post("/api/auth/register", null, obj("username", "bob_1.x-y", "password", "password123"));
        assertEquals(201, r.status(), r.toString());
        assertEquals("bob_1.x-y", r.body().get("user").get("display_name").asText());
    }

    @Test
    void registerValidatesEveryField() {
        assertInvalid(obj("username", "ab", "password", "password123"), "username");
        assertInvalid(obj("username", "a".repeat(33), "password", "password123"), "username");
        assertInvalid(obj("username", "bad name", "password", "password123"), "username");
        assertInvalid(obj("username", "ünï", "password", "password123"), "username");
        assertInvalid(obj("password", "password123"), "username");
        assertInvalid(obj("username", 12345, "password", "password123"), "username");
        assertInvalid(obj("username", "shortpw", "password", "1234567"), "password");
        assertInvalid(obj("username", "longpw", "password", "x".repeat(257)), "password");
        assertInvalid(obj("username", "nopw"), "password");
        assertInvalid(obj("username", "blankname", "password", "password123", "display_name", "   "), "display_name");
        assertInvalid(obj("username", "longname", "password", "password123", "display_name", "x".repeat(65)),
                "display_name");
        assertEquals(201, api.post("/api/auth/register", null, obj("username", "pw8", "password", "12345678"))
                .status());
        assertEquals(201, api.post("/api/auth/register", null, obj("username", "pw256", "password", "y".repeat(256)))
                .status());
        // 64 emoji are 64 code points but 128 UTF-16 units: still allowed.
        assertEquals(201, api.post("/api/auth/register", null, obj("username", "emoji", "password", "password123",
                "display_name", "😀".repeat(64))).status());
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        assertEquals(201, api.post("/api/auth/register", null, obj("username", "Carol", "password", "password123"))
                .status());
        Response again = api.post("/api/auth/register", null, obj("username", "cAROL", "password", "password123"));
        assertEquals(409, again.status());
        assertEquals("conflict", again.body().get("code").asText());
        assertEquals(200, api.post("/api/auth/login", null, obj("username", "CAROL", "password", "password123"))
                .status());
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        api.register("dave");
        Response wrong = api.post("/api/auth/login", null, obj("username", "dave", "password", "wrongpassword"));
        Response unknown = api.post("/api/auth/login", null, obj("username", "nobody", "password", "wrongpassword"));
        assertEquals(401, wrong.status());
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.body(), unknown.body());
        assertEquals("unauthorized", wrong.body().get("code").asText());
    }

    @Test
    void loginReturnsAWorkingToken() {
        api.register("erin");
        Response r = api.post("/api/auth/login", null, obj("username", "erin", "password", "password123"));
        assertEquals(200, r.status());
        assertEquals("erin", api.get("/api/auth/me", r.body().get("token").asText()).body().get("username").asText());
    }

    @Test
    void profileChangesDisplayNameAndPassword() {
        var frank = api.register("frank");
        Response renamed = api.put("/api/auth/profile", frank.token(), obj("display_name", " Franky "));
        assertEquals(200, renamed.status());
        assertEquals("Franky", renamed.body().get("display_name").asText());

        Response noCurrent = api.put("/api/auth/profile", frank.token(), obj("new_password", "newpassword1"));
        assertEquals(403, noCurrent.status());
        Response wrongCurrent = api.put("/api/auth/profile", frank.token(),
                obj("current_password", "not-it-at-all", "new_password", "newpassword1"));
        assertEquals(403, wrongCurrent.status());
        assertEquals(401, api.post("/api/auth/login", null, obj("username", "frank", "password", "newpassword1"))
                .status());

        Response changed = api.put("/api/auth/profile", frank.token(),
                obj("current_password", "password123", "new_password", "newpassword1"));
        assertEquals(200, changed.status());
        assertEquals(200, api.post("/api/auth/login", null, obj("username", "frank", "password", "newpassword1"))
                .status());
        assertEquals(401, api.post("/api/auth/login", null, obj("username", "frank", "password", "password123"))
                .status());

        assertEquals(400, api.put("/api/auth/profile", frank.token(), obj("display_name", "")).status());
        assertEquals(400, api.put("/api/auth/profile", frank.token(),
                obj("current_password", "newpassword1", "new_password", "short")).status());
    }

    @Test
    void meNeedsAToken() {
        Response r = api.get("/api/auth/me", null);
        assertEquals(401, r.status());
        assertEquals("unauthorized", r.body().get("code").asText());
        assertEquals(401, api.get("/api/auth/me", "garbage").status());
    }

    /**
     * Password hashing runs on a pool of its own with a bounded queue: a flood of sign-ins past it
     * is refused with a JSON 429 at once rather than queued without end. On a server of its own, so
     * the flood does not slow other classes' sign-ups.
     */
    @Test
    void aFloodOfSignInsBeyondTheHashingQueueIsRefusedWith429() throws Exception {
        try (TestServer own = TestServer.start()) {
            Api ownApi = own.api();
            ownApi.register("flooded");
            int attempts = 150;
            ExecutorService clients = Executors.newFixedThreadPool(attempts);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> replies = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    replies.add(clients.submit(() -> {
                        go.await();
                        return ownApi.post("/api/auth/login", null,
                                obj("username", "flooded", "password", "wrong-password"));
                    }));
                }
                go.countDown();
                int refused = 0;
                for (Future<Response> reply : replies) {
                    Response r = reply.get(120, TimeUnit.SECONDS);
                    if (r.status() == 429) {
                        refused++;
                        assertEquals("rate_limited", r.body().get("code").asText(), r.toString());
                        assertNotNull(r.header("Retry-After"), r.toString());
                    } else {
                        assertEquals(401, r.status(), r.toString());
                    }
                }
                assertTrue(refused > 0, "no sign-in was refused");
                assertTrue(refused < attempts, "every sign-in was refused");
            } finally {
                clients.shutdownNow();
            }
            // Once the flood has drained, sign-ins are answered again.
            Response after = ownApi.post("/api/auth/login", null,
                    obj("username", "flooded", "password", "password123"));
            assertEquals(200, after.status(), after.toString());
        }
    }

    private static void assertInvalid(Object body, String field) {
        Response r = api.post("/api/auth/register", null, body);
        assertEquals(400, r.status(), body + " -> " + r);
        assertEquals("invalid_request", r.body().get("code").asText());
        assertTrue(r.body().get("error").asText().contains(field), r.toString());
    }
}
