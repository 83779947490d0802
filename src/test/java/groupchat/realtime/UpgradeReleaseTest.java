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
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.junit.jupiter.api.Test;

/** An open WebSocket keeps what it copied from its upgrade, not the HTTP exchange itself. */
class UpgradeReleaseTest {
    @Test
    void javalinAndJettyStillHaveTheFieldsItReleases() {
        assertTrue(UpgradeRelease.create().active(), "a library update renamed a field: see UpgradeRelease");
    }

    @Test
    void anOpenSocketLetsGoOfItsUpgradeRequestAndStillAnswersFromItsCopies() {
        UpgradeRelease release = UpgradeRelease.create();
        AtomicReference<WeakReference<HttpServletRequest>> upgradeRequest = new AtomicReference<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.wsBeforeUpgrade("/ws", ctx -> upgradeRequest.set(new WeakReference<>(ctx.req())));
            cfg.routes.ws("/ws", ws -> {
                ws.onConnect(release::release);
                ws.onMessage(ctx -> ctx.send(Map.of(
                        "type", "echo",
                        "token", String.valueOf(ctx.queryParam("token")),
                        "host", String.valueOf(ctx.header("Host")),
                        "response", String.valueOf(sameHeaders(ctx.session.getUpgradeResponse())),
                        "version", String.valueOf(ctx.session.getUpgradeRequest().getHeader("Sec-WebSocket-Version")))));
            });
        }).start();
        try (TestSocket socket = TestSocket.connect("ws://127.0.0.1:" + app.port() + "/ws?token=abc")) {
            socket.send(Map.of("type", "hello"));
            JsonNode echo = socket.awaitType("echo");
            assertEquals("abc", echo.get("token").asText());
            assertEquals("127.0.0.1:" + app.port(), echo.get("host").asText());
            assertEquals("true", echo.get("response").asText(), "the response's header map and list disagree");
            assertEquals("13", echo.get("version").asText());
            // Unreachable once released: a few full collections clear the weak reference.
            for (int i = 0; i < 10 && upgradeRequest.get().get() != null; i++) System.gc();
            assertNull(upgradeRequest.get().get(), "the open socket still holds its upgrade request");
        } finally {
            app.stop();
        }
    }

    /** The upgrade response's header map (which the release replaces) says what its header list says. */
    private static boolean sameHeaders(UpgradeResponse response) {
        return !response.getHeaderNames().isEmpty() && response.getHeaderNames().stream()
                .allMatch(name -> response.getHeaders(name).equals(response.getHeaders().get(name)));
    }
}
