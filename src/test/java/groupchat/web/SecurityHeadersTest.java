package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.RawHttp;
import groupchat.testsupport.RawWebSocket;
import groupchat.testsupport.Upload;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every kind of response carries the security headers: pages, API answers, errors, files, refused upgrades. */
class SecurityHeadersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Seen(String what, Function<String, String> header) {}

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        List<Seen> seen = new ArrayList<>();
        try (TestServer server = TestServer.start(Map.of("RATE_LIMITS", "on", "RATE_LIMIT_AUTH_PER_MINUTE", "2",
                "ALLOWED_ORIGINS", "https://chat.example.com", "WS_MAX_CONNECTIONS_PER_USER", "1"))) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            String image = Upload.png(server, "/api/upload", alice.token()).body().get("url").asText();

            for (String path : new String[] {"/", "/index.html", "/invite/abc", "/js/app.js", "/styles.css",
                    "/favicon.svg", "/no/such/page", "/api/health", "/api/nope", "/api/rooms", "/uploads/x.png",
                    "/uploads/../chat.db", image, "/ws"}) {
                for (String method : new String[] {"GET", "HEAD", "OPTIONS", "DELETE"}) {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                    seen.add(new Seen(method + " " + path + " -> " + r.statusCode(),
                            name -> r.headers().firstValue(name).orElse(null)));
                }
            }
            addApi(seen, "register conflict", api.post("/api/auth/register", null,
                    Api.obj("username", "alice", "password", "password123")));
            addApi(seen, "rate limited", api.post("/api/auth/login", null, Api.obj("username", "a", "password", "b")));
            addApi(seen, "bad json", api.sendRaw("POST", "/api/rooms", alice.token(), "{".getBytes(), "application/json"));
            addApi(seen, "too large", api.sendRaw("POST", "/api/rooms", alice.token(), new byte[2_000_000],
                    "application/json"));
            addApi(seen, "unsupported upload", Upload.post(server, "/api/upload", alice.token(),
                    Upload.form("<html>".getBytes())));
            addApi(seen, "created", api.post("/api/rooms", alice.token(), Api.obj("name", "r")));

            // Refused by Jetty before any route: still the contract's JSON, still the headers.
            Object[][] malformed = {{"GET", "/api/rooms/%ZZ", Map.of()}, {"PUT", "/api/rooms/%C3%28", Map.of()},
                    {"DELETE", "/api/invites/%00", Map.of()}, {"GET", "/api/rooms", Map.of("X-Big", "x".repeat(20_000))},
                    {"GET", "/api/" + "a".repeat(20_000), Map.of()}};
            for (Object[] m : malformed) {
                @SuppressWarnings("unchecked")
                RawHttp.Response r = RawHttp.send(server.port(), (String) m[0], (String) m[1],
                        (Map<String, String>) m[2], null);
                String what = m[0] + " " + ((String) m[1]).substring(0, Math.min(30, ((String) m[1]).length()));
                assertTrue(r.status() == 400 || r.status() == 414 || r.status() == 431, what + " -> " + r.status());
                assertTrue(r.header("Content-Type").startsWith("application/json"), what + ": " + r.body());
                assertTrue(Api.JSON.readTree(r.body()).has("code"), what + ": " + r.body());
                seen.add(new Seen(what + " -> " + r.status(), r::header));
            }

            try (RawWebSocket open = RawWebSocket.open(server.port(), "/ws?token=" + alice.token(), Map.of())) {
                assertEquals(101, open.status());
                String[][] refusals = {{"/ws?token=bad", null}, {"/ws?token=" + alice.token(), "https://evil.example"},
                        {"/ws?token=" + alice.token(), null}};
                for (String[] refusal : refusals) {
                    Map<String, String> headers = refusal[1] == null ? Map.of() : Map.of("Origin", refusal[1]);
                    try (RawWebSocket ws = RawWebSocket.open(server.port(), refusal[0], headers)) {
                        assertTrue(ws.status() >= 400, ws.responseHead());
                        seen.add(new Seen("upgrade refused " + ws.status(), ws::header));
                    }
                }
            }
        }

        for (Seen s : seen) {
            assertEquals("nosniff", s.header().apply("X-Content-Type-Options"), s.what());
            assertEquals("no-referrer", s.header().apply("Referrer-Policy"), s.what());
            assertEquals("DENY", s.header().apply("X-Frame-Options"), s.what());
            String csp = s.header().apply("Content-Security-Policy");
            assertTrue(csp != null && (csp.contains("frame-ancestors 'none'") || csp.contains("sandbox")),
                    s.what() + ": " + csp);
            assertNull(s.header().apply("Server"), s.what() + " names the server software");
        }
        assertTrue(seen.stream().anyMatch(s -> s.what().contains("429")));
        assertTrue(seen.stream().anyMatch(s -> s.what().contains("403")));
        assertTrue(seen.size() > 60, "responses checked: " + seen.size());
    }

    private static void addApi(List<Seen> seen, String what, Api.Response r) {
        seen.add(new Seen(what + " -> " + r.status(), r::header));
    }
}
