package groupchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.RawWebSocket;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Origin check, idle handling with pings, and what a refused or accepted upgrade leaves behind. */
class WebSocketLimitsTest {
    private static final String ALLOWED = "https://chat.example.com";

    @Test
    void originIsCheckedBeforeTheUpgradeWhenAllowedOriginsIsSet() throws Exception {
        try (TestServer server = TestServer.start(Map.of("ALLOWED_ORIGINS", ALLOWED + ", http://localhost:3001"))) {
            TestUser alice = server.api().register("alice");
            String path = "/ws?token=" + alice.token();
            try (RawWebSocket allowed = RawWebSocket.open(server.port(), path, Map.of("Origin", ALLOWED));
                 RawWebSocket second = RawWebSocket.open(server.port(), path, Map.of("Origin", "http://localhost:3001"));
                 RawWebSocket none = RawWebSocket.open(server.port(), path, Map.of())) {
                assertEquals(101, allowed.status());
                assertEquals(101, second.status());
                assertEquals(101, none.status(), "clients that are not browsers send no Origin");
            }
            for (String origin : new String[] {"https://evil.example.com", "https://chat.example.com.evil.com",
                    "null", "HTTPS://CHAT.EXAMPLE.COM:443"}) {
                try (RawWebSocket refused = RawWebSocket.open(server.port(), path, Map.of("Origin", origin))) {
                    assertEquals(403, refused.status(), origin);
                    assertEquals("forbidden", Api.JSON.readTree(refused.readBody()).get("code").asText());
                }
            }
            // The origin is judged first: a foreign page learns nothing about the token.
            try (RawWebSocket refused = RawWebSocket.open(server.port(), "/ws?token=nonsense",
                    Map.of("Origin", "https://evil.example.com"))) {
                assertEquals(403, refused.status());
            }
        }
    }

    @Test
    void anyOriginIsAllowedWhenAllowedOriginsIsUnset() throws Exception {
        try (TestServer server = TestServer.start()) {
            TestUser alice = server.api().register("alice");
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/ws?token=" + alice.token(),
                    Map.of("Origin", "https://anywhere.example"))) {
                assertEquals(101, ws.status());
            }
        }
    }

    @Test
    void refusedUpgradesAnswerTheContractsJsonError() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String path : new String[] {"/ws", "/ws?token=", "/ws?token=not.a.jwt"}) {
                try (RawWebSocket refused = RawWebSocket.open(server.port(), path, Map.of())) {
                    assertEquals(401, refused.status(), path);
                    assertTrue(refused.header("Content-Type").startsWith("application/json"));
                    JsonNode body = Api.JSON.readTree(refused.readBody());
                    assertEquals("unauthorized", body.get("code").asText());
                    assertTrue(body.get("error").asText().length() > 0);
                }
            }
        }
    }

    @Test
    void quietClientThatAnswersPingsStaysPastTheIdleTimeout() throws Exception {
        try (TestServer server = TestServer.start(Map.of("WS_IDLE_TIMEOUT_SECONDS", "2"))) {
            TestUser alice = server.api().register("alice");
            try (TestSocket quiet = TestSocket.connect(server, alice.token());
                 RawWebSocket raw = RawWebSocket.open(server.port(), "/ws?token=" + alice.token(), Map.of())) {
                // The server pings every third of the idle timeout; the JDK client answers with pongs.
                assertEquals(RawWebSocket.PING, raw.readOpcode(5_000));
                Thread.sleep(5_000);
                assertFalse(quiet.closed().isDone(), "closed: " + quiet.closed().getNow(""));
                quiet.send(Api.obj("type", "ping"));
                quiet.awaitType("pong");
            }
        }
    }

    @Test
    void upgradesLeaveNoHttpSessionBehind() throws Exception {
        try (TestServer server = TestServer.start()) {
            TestUser alice = server.api().register("alice");
            for (int i = 0; i < 150; i++) {
                String path = i % 3 == 0 ? "/ws?token=bad" : "/ws?token=" + alice.token();
                try (RawWebSocket ws = RawWebSocket.open(server.port(), path, Map.of())) {
                    assertNull(ws.header("Set-Cookie"), ws.responseHead());
                }
            }
            // Javalin asks for the HTTP session at each upgrade; Jetty used to keep each one forever.
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            assumeTrue(Files.isExecutable(jcmd), "jcmd is needed to count sessions on the heap");
            Process histogram = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()),
                    "GC.class_histogram").redirectErrorStream(true).start();
            String out = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long sessions = 0;
            for (String line : out.split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4 && cols[3].equals("org.eclipse.jetty.session.ManagedSession")) {
                    sessions = Long.parseLong(cols[1]);
                }
            }
            assertTrue(sessions < 10, sessions + " HTTP sessions on the heap after 150 upgrades");
        }
    }
}
