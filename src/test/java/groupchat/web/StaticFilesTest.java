package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    static final String INDEX = "<!doctype html><title>test client</title><p>index-marker</p>";
    static Path clientDir;
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() throws IOException {
        clientDir = Files.createTempDirectory("groupchat-client");
        Files.writeString(clientDir.resolve("index.html"), INDEX);
        Files.writeString(clientDir.resolve("app.js"), "console.log('app-marker');");
        server = TestServer.start(Map.of("STATIC_DIR", clientDir.toString()));
        api = server.api();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        Files.delete(clientDir.resolve("index.html"));
        Files.delete(clientDir.resolve("app.js"));
        Files.delete(clientDir);
    }

    @Test
    void staticDirIsServedAtTheRoot() {
        Response index = api.get("/", null);
        assertEquals(200, index.status());
        assertTrue(index.header("Content-Type").startsWith("text/html"));
        assertEquals(INDEX, index.text());
        Response script = api.get("/app.js", null);
        assertEquals(200, script.status());
        assertTrue(script.text().contains("app-marker"));
    }

    @Test
    void clientRoutesGetTheIndexPage() {
        for (String path : new String[] {"/invite/abc", "/rooms/123/settings", "/login"}) {
            Response r = api.get(path, null);
            assertEquals(200, r.status(), path);
            assertTrue(r.header("Content-Type").startsWith("text/html"), path);
            assertEquals(INDEX, r.text(), path);
        }
    }

    @Test
    void serverPathsKeepTheirOwn404() {
        Response apiMiss = api.get("/api/unknown", null);
        assertEquals(404, apiMiss.status());
        assertEquals("not_found", apiMiss.body().get("code").asText());
        Response upload = api.get("/uploads/missing.png", null);
        assertEquals(404, upload.status());
        assertFalse(upload.text().contains("index-marker"));
        Response webjar = api.get("/webjars/nothing/1.0/x.js", null);
        assertEquals(404, webjar.status());
        assertFalse(webjar.text().contains("index-marker"));
    }

    @Test
    void webJarsAreServed() {
        Response marked = api.get("/webjars/marked/16.4.1/lib/marked.umd.js", null);
        assertEquals(200, marked.status());
        assertTrue(marked.text().contains("marked"));
        Response purify = api.get("/webjars/dompurify/3.3.0/dist/purify.min.js", null);
        assertEquals(200, purify.status());
        assertTrue(purify.text().contains("DOMPurify"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        String token = api.register("headers").token();
        Response[] responses = {
            api.get("/", null),
            api.get("/invite/xyz", null),
            api.get("/api/health", null),
            api.get("/api/auth/me", token),
            api.get("/api/auth/me", null),
            api.get("/api/no/such/route", null),
            api.sendRaw("POST", "/api/auth/login", null, "{".getBytes(), "application/json"),
        };
        int[] statuses = {200, 200, 200, 200, 401, 404, 400};
        for (int i = 0; i < responses.length; i++) {
            Response r = responses[i];
            assertEquals(statuses[i], r.status(), r.toString());
            assertEquals("nosniff", r.header("X-Content-Type-Options"), r.toString());
            assertEquals("DENY", r.header("X-Frame-Options"), r.toString());
            assertEquals("no-referrer", r.header("Referrer-Policy"), r.toString());
            assertEquals(SecurityHeaders.PAGE_POLICY, r.header("Content-Security-Policy"), r.toString());
        }
        String policy = SecurityHeaders.PAGE_POLICY;
        assertTrue(policy.contains("default-src 'self'") && policy.contains("script-src 'self'")
                && policy.contains("frame-ancestors 'none'") && policy.contains("connect-src 'self' ws: wss:"));
    }

    @Test
    void theClientInTheJarIsTheDefault() {
        try (TestServer plain = TestServer.start()) {
            Response r = plain.api().get("/", null);
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/html"));
            assertTrue(r.text().toLowerCase().contains("<html"));
            Response route = plain.api().get("/invite/abc", null);
            assertEquals(200, route.status());
            assertEquals(r.text(), route.text());
        }
    }
}
