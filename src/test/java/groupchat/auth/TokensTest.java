package groupchat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import groupchat.testsupport.Api;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokensTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();
    static Algorithm hs256 = Algorithm.HMAC256(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void tamperedTokenIsRefused() {
        var user = api.register("tamper");
        String[] parts = user.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(user.id(), "00000000-0000-0000-0000-000000000000");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, api.get("/api/auth/me", forged).status());
        assertEquals(401, api.get("/api/auth/me", user.token() + "x").status());
    }

    @Test
    void expiredTokenIsRefused() {
        var user = api.register("expired");
        String token = JWT.create().withIssuer("groupchat2").withSubject(user.id())
                .withExpiresAt(Instant.now().minusSeconds(5)).sign(hs256);
        var refused = api.get("/api/auth/me", token);
        assertEquals(401, refused.status());
        assertEquals("unauthorized", refused.body().get("code").asText());
        assertTrue(refused.body().get("error").asText().contains("expired"), refused.toString());
        var forged = api.get("/api/auth/me", token.substring(0, token.length() - 2) + "xx");
        assertFalse(forged.body().get("error").asText().contains("expired"), "only a token we signed is 'expired'");
        String fresh = JWT.create().withIssuer("groupchat2").withSubject(user.id()).withJWTId("fresh-token")
                .withExpiresAt(Instant.now().plusSeconds(60)).sign(hs256);
        assertEquals(200, api.get("/api/auth/me", fresh).status());
    }

    @Test
    void tokenWithoutIdIsRefused() {
        // Tokens from before revocable sessions carry no jti: they could never be logged out.
        var user = api.register("noid");
        String token = JWT.create().withIssuer("groupchat2").withSubject(user.id())
                .withExpiresAt(Instant.now().plusSeconds(60)).sign(hs256);
        assertEquals(401, api.get("/api/auth/me", token).status());
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        var user = api.register("noexpiry");
        String token = JWT.create().withIssuer("groupchat2").withSubject(user.id()).sign(hs256);
        assertEquals(401, api.get("/api/auth/me", token).status());
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        var user = api.register("algnone");
        String token = JWT.create().withIssuer("groupchat2").withSubject(user.id())
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.none());
        assertEquals(401, api.get("/api/auth/me", token).status());
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        var user = api.register("otherkey");
        String token = JWT.create().withIssuer("groupchat2").withSubject(user.id())
                .withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-that-is-long-enough-000000"));
        assertEquals(401, api.get("/api/auth/me", token).status());
    }

    @Test
    void tokenOfDeletedUserIsRefused() throws Exception {
        var user = api.register("deleteme");
        // Deleted behind the server's back, before its first request: the server keeps signed-in
        // accounts in memory (UserCache), which only its own changes drop at once.
        try (var c = server.connectDatabase();
             var s = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            s.setString(1, user.id());
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(401, api.get("/api/auth/me", user.token()).status());
    }
}
