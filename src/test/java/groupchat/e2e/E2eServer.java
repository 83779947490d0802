package groupchat.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import groupchat.testsupport.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The server a browser test drives: the real App with a fake OpenRouter, or, with
 * -De2e.baseUrl=http://host:port, a server that is already running (for development).
 */
final class E2eServer implements AutoCloseable {
    final FakeOpenRouter openRouter;
    private final TestServer server;
    final String base;

    private E2eServer(FakeOpenRouter openRouter, TestServer server, String base) {
        this.openRouter = openRouter;
        this.server = server;
        this.base = base;
    }

    /** Skips the calling test class when no browser is installed or the server does not serve the client. */
    static E2eServer start() throws Exception {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        String external = System.getProperty("e2e.baseUrl");
        E2eServer started;
        if (external != null) {
            started = new E2eServer(null, null, external);
        } else {
            FakeOpenRouter openRouter = new FakeOpenRouter();
            TestServer server = TestServer.start(Map.of(
                    "OPENROUTER_API_KEY", "test-key",
                    "OPENROUTER_BASE_URL", openRouter.baseUrl(),
                    "DEFAULT_MODEL", FakeOpenRouter.MODEL));
            started = new E2eServer(openRouter, server, server.baseUrl());
        }
        HttpResponse<String> index = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(started.base + "/invite/some-token")).build(), HttpResponse.BodyHandlers.ofString());
        if (index.statusCode() != 200 || !index.body().contains("/js/app.js")) {
            started.close();
            throw new IllegalStateException("the server does not serve the browser client at /invite/<token>");
        }
        return started;
    }

    /** Lets the fake model finish the answer it is streaming (an external server streams on its own). */
    void finishAiAnswer() {
        if (openRouter != null) openRouter.finish();
    }

    @Override
    public void close() {
        if (server != null) server.close();
        if (openRouter != null) openRouter.close();
    }
}
