package groupchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.TestSocket;
import io.javalin.Javalin;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.junit.jupiter.api.Test;

/** An open WebSocket keeps its upgrade's headers, not the HTTP exchange nor Jetty's copies of the URL's query. */
class UpgradeReleaseTest {
    @Test
    void javalinAndJettyStillHaveTheFieldsItReleases() {
        assertTrue(UpgradeRelease.create().active(), "a library update renamed a field: see UpgradeRelease");
    }

    @Test
    void anOpenSocketLetsGoOfItsUpgradeRequestAndJettysCopiesOfItsQuery() {
        UpgradeRelease release = UpgradeRelease.create();
        AtomicReference<WeakReference<HttpServletRequest>> upgradeRequest = new AtomicReference<>();
        AtomicReference<String> tokenAtConnect = new AtomicReference<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.wsBeforeUpgrade("/ws", ctx -> upgradeRequest.set(new WeakReference<>(ctx.req())));
            cfg.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> {
                    tokenAtConnect.set(ctx.queryParam("token"));
                    release.release(ctx);
                });
                ws.onMessage(ctx -> ctx.send(Map.of(
                        "type", "echo",
                        "javalinToken", String.valueOf(ctx.queryParam("token")),
                        "javalinHeader", String.valueOf(ctx.header("Sec-WebSocket-Version")),
                        "jettyQuery", String.valueOf(ctx.session.getUpgradeRequest().getQueryString()),
                        "jettyUri", ctx.session.getUpgradeRequest().getRequestURI().toString(),
                        "coreUri", coreUri(ctx.session),
                        "version", String.valueOf(ctx.session.getUpgradeRequest().getHeader("Sec-WebSocket-Version")),
                        "response", String.valueOf(sameHeaders(ctx.session.getUpgradeResponse())))));
            });
        }).start();
        String url = "ws://127.0.0.1:" + app.port() + "/ws";
        try (TestSocket socket = TestSocket.connect(url + "?token=abc")) {
            socket.send(Map.of("type", "hello"));
            JsonNode echo = socket.awaitType("echo");
            assertEquals("abc", tokenAtConnect.get(), "onConnect still reads the upgrade's data");
            assertEquals("abc", echo.get("javalinToken").asText(), "Javalin's query copy is immutable: it stays");
            assertEquals("null", echo.get("javalinHeader").asText());
            assertEquals("null", echo.get("jettyQuery").asText());
            assertEquals(url, echo.get("jettyUri").asText());
            assertEquals(url, echo.get("coreUri").asText());
            assertEquals("13", echo.get("version").asText(), "the request's headers stay");
            assertEquals("true", echo.get("response").asText(), "the response's header map and list disagree");
            // Unreachable once released: a few full collections clear the weak reference.
            for (int i = 0; i < 10 && upgradeRequest.get().get() != null; i++) System.gc();
            assertNull(upgradeRequest.get().get(), "the open socket still holds its upgrade request");
        } finally {
            app.stop();
        }
    }

    private static String coreUri(Session session) {
        return ((WebSocketSession) session).getCoreSession().getRequestURI().toString();
    }

    /** The upgrade response's header map (which the release replaces) says what its header list says. */
    private static boolean sameHeaders(UpgradeResponse response) {
        return !response.getHeaderNames().isEmpty() && response.getHeaderNames().stream()
                .allMatch(name -> response.getHeaders(name).equals(response.getHeaders().get(name)));
    }
}
