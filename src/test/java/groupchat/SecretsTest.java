package groupchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.RawWebSocket;
import groupchat.testsupport.ServerProcess;
import groupchat.testsupport.Upload;
import groupchat.testsupport.Api;
import groupchat.testsupport.fake.FakeOpenRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted session against the server as its own process at LOG_LEVEL=trace: no response
 * and no line of its console output may contain a secret, a password or a password hash, and
 * the console may not contain any bearer token (the /ws token travels in the query string).
 */
@Tag("slow")
class SecretsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void secretsPasswordsAndTokensNeverReachResponsesOrLogs(@TempDir Path dir) throws Exception {
        String jwtSecret = "jwt-" + random();
        String openRouterKey = "sk-or-" + random();
        String tavilyKey = "tvly-" + random();
        String braveKey = "brave-" + random();
        String password = "pw-" + random();
        String newPassword = "pw2-" + random();
        String wrongPassword = "wrong-" + random();
        List<String> tokens = new ArrayList<>();
        StringBuilder responses = new StringBuilder();

        try (FakeOpenRouter openRouter = FakeOpenRouter.start()) {
            ServerProcess server = ServerProcess.start(dir, Map.of("LOG_LEVEL", "trace", "JWT_SECRET", jwtSecret,
                    "OPENROUTER_API_KEY", openRouterKey, "OPENROUTER_BASE_URL", openRouter.baseUrl(),
                    "SEARCH_PROVIDER", "tavily", "TAVILY_API_KEY", tavilyKey, "BRAVE_API_KEY", braveKey,
                    "RATE_LIMITS", "on"));
            try {
                String base = "http://127.0.0.1:" + server.port();
                Api api = server.api();
                Api.Response r = record(responses, api.post("/api/auth/register", null,
                        Api.obj("username", "alice", "password", password)));
                String token = r.body().get("token").asText();
                tokens.add(token);
                record(responses, api.post("/api/auth/register", null, Api.obj("username", "alice", "password", password)));
                record(responses, api.post("/api/auth/login", null, Api.obj("username", "alice", "password", wrongPassword)));
                r = record(responses, api.post("/api/auth/login", null, Api.obj("username", "alice", "password", password)));
                tokens.add(r.body().get("token").asText());
                record(responses, api.put("/api/auth/profile", token,
                        Api.obj("current_password", wrongPassword, "new_password", newPassword)));
                record(responses, api.put("/api/auth/profile", token,
                        Api.obj("current_password", password, "new_password", newPassword)));
                record(responses, api.get("/api/auth/me", token));
                record(responses, api.get("/api/auth/me", token + "x"));
                record(responses, api.get("/api/health", null));
                record(responses, api.get("/api/models", token));
                String room = record(responses, api.post("/api/rooms", token, Api.obj("name", "secrets")))
                        .body().get("id").asText();
                record(responses, api.post("/api/rooms/" + room + "/messages", token, Api.obj("content", "@ai hello")));
                record(responses, api.post("/api/rooms/" + room + "/messages", token, Api.obj("content", 42)));
                record(responses, api.sendRaw("POST", "/api/rooms/" + room + "/messages", token,
                        "{\"content\": ".getBytes(StandardCharsets.UTF_8), "application/json"));
                record(responses, api.get("/api/rooms/" + room + "/messages", token));
                record(responses, Upload.post(base, "/api/upload", token, Upload.form(Upload.png())));
                record(responses, Upload.post(base, "/api/auth/avatar", token, Upload.form("<svg/>".getBytes())));
                record(responses, api.post("/api/invites", token, Api.obj("room_id", room)));
                record(responses, api.post("/api/auth/nostr/challenge", null, Api.obj()));
                record(responses, api.get("/api/no/such/route", token));
                for (String path : new String[] {"/", "/index.html", "/invite/abc", "/uploads/nothing.png"}) {
                    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    responses.append(page.headers().map()).append(page.body());
                }

                // WebSocket with a good token, a tampered one and a wrong origin.
                String badToken = token.substring(0, token.length() - 4) + "AAAA";
                tokens.add(badToken);
                try (RawWebSocket good = RawWebSocket.open(server.port(), "/ws?token=" + token, Map.of())) {
                    assertEquals(101, good.status());
                    good.sendFrame(RawWebSocket.TEXT, true, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                    good.sendFrame(RawWebSocket.TEXT, true, "{\"type\":".getBytes(StandardCharsets.UTF_8));
                    good.sendFrame(RawWebSocket.TEXT, true, new byte[] {(byte) 0xC3, (byte) 0x28});
                    good.awaitClose(5_000);
                }
                try (RawWebSocket bad = RawWebSocket.open(server.port(), "/ws?token=" + badToken, Map.of())) {
                    assertEquals(401, bad.status());
                    responses.append(bad.responseHead()).append(bad.readBody());
                }
                try (RawWebSocket big = RawWebSocket.open(server.port(), "/ws?token=" + tokens.get(1), Map.of())) {
                    big.sendFrame(RawWebSocket.TEXT, true, new byte[70_000]);
                    big.awaitClose(5_000);
                }
                openRouter.takeRequest();
                Thread.sleep(500);
            } finally {
                server.stop();
            }

            List<String> hashes = new ArrayList<>();
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
                 var rows = c.createStatement().executeQuery("SELECT password_hash FROM users")) {
                while (rows.next()) hashes.add(rows.getString(1));
            }
            assertTrue(hashes.get(0).startsWith("$argon2id$"), hashes.toString());

            String log = server.output();
            assertTrue(log.contains("DEBUG") || log.contains("TRACE"), "the server logged at trace level");
            Map<String, String> secrets = Map.of("JWT secret", jwtSecret, "OpenRouter key", openRouterKey,
                    "Tavily key", tavilyKey, "Brave key", braveKey, "password", password, "new password", newPassword,
                    "wrong password", wrongPassword, "password hash", hashes.get(0));
            secrets.forEach((what, secret) -> {
                assertFalse(responses.toString().contains(secret), what + " in a response");
                assertFalse(log.contains(secret), what + " in the log");
            });
            assertFalse(responses.toString().contains("$argon2"), "a password hash in a response");
            assertFalse(log.contains("$argon2"), "a password hash in the log");
            for (String token : tokens) {
                assertFalse(log.contains(token), "a token in the log: " + linesWith(log, token));
                // The signature alone is the secret part of a token.
                assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "a token signature in the log");
            }
            System.out.printf("SecretsTest: %d response bytes and %d log bytes checked for %d secrets and %d tokens%n",
                    responses.length(), log.length(), secrets.size(), tokens.size());
        }
    }

    /** The offending lines, cut short: enough to name the logger that printed them. */
    private static String linesWith(String log, String text) {
        StringBuilder lines = new StringBuilder();
        for (String line : log.split("\n")) {
            if (line.contains(text)) lines.append('\n').append(line, 0, Math.min(line.length(), 240));
        }
        return lines.toString();
    }

    private static Api.Response record(StringBuilder all, Api.Response r) {
        all.append(r.raw().headers().map()).append(r.text()).append('\n');
        return r;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
