package groupchat.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The server a browser test drives: the real App with a fake OpenRouter, or, with
 * -De2e.baseUrl=http://host:port, a server that is already running (for development).
 */
final class E2eServer implements AutoCloseable {
    static final String MODEL = "fake/e2e-model";

    private final FakeOpenRouter openRouter;
    private final TestServer server;
    // The fake model streams the first part of its answer, then waits here, so the browser
    // can be seen showing an answer that is still streaming.
    private final CountDownLatch release = new CountDownLatch(1);
    final String base;

    private E2eServer(FakeOpenRouter openRouter, TestServer server, String base) {
        this.openRouter = openRouter;
        this.server = server;
        this.base = base;
    }

    /** Skips the calling test class when no browser is installed. */
    static E2eServer start() throws Exception {
        requireBrowser();
        String external = System.getProperty("e2e.baseUrl");
        E2eServer started;
        if (external != null) {
            started = new E2eServer(null, null, external);
        } else {
            FakeOpenRouter openRouter = FakeOpenRouter.start();
            TestServer server = TestServer.start(Map.of(
                    "OPENROUTER_API_KEY", "test-key",
                    "OPENROUTER_BASE_URL", openRouter.baseUrl(),
                    "DEFAULT_MODEL", MODEL));
            started = new E2eServer(openRouter, server, server.baseUrl());
            openRouter.models(200, "{\"data\":[{\"id\":\"" + MODEL + "\",\"name\":\"Fake E2E\",\"context_length\":8000,"
                    + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");
            openRouter.enqueue(SseScript.stream().model(MODEL).comment("OPENROUTER PROCESSING").role()
                    .content("Hello ").content("from the ").content("fake model. ")
                    .await(started.release)
                    .content("Here is a list:\n\n").content("- **one**\n").content("- two\n")
                    .finish("stop").usage(42, 17, 0.000123).done());
        }
        return checked(started);
    }

    /** The real App without OPENROUTER_API_KEY (the assistant is off), its assistant named {@code aiName}. */
    static E2eServer startWithoutAi(String aiName) throws Exception {
        return startWithoutAi(Map.of("AI_NAME", aiName));
    }

    /** The real App without OPENROUTER_API_KEY, with these settings (REGISTRATION=invite, say). */
    static E2eServer startWithoutAi(Map<String, String> settings) throws Exception {
        requireBrowser();
        TestServer server = TestServer.start(settings);
        return checked(new E2eServer(null, server, server.baseUrl()));
    }

    private static void requireBrowser() {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    }

    private static E2eServer checked(E2eServer started) throws Exception {
        HttpResponse<String> index = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(started.base + "/invite/some-token")).build(), HttpResponse.BodyHandlers.ofString());
        if (index.statusCode() != 200 || !index.body().contains("/js/app.js")) {
            started.close();
            throw new IllegalStateException("the server does not serve the browser client at /invite/<token>");
        }
        return started;
    }

    /** The server's API for set-up steps the browser need not repeat (users, rooms, messages). */
    Api api() {
        return new Api(base);
    }

    /** Queues one more answer of the fake model, streamed at once (no-op against an external server). */
    void queueAnswer(String text) {
        if (openRouter != null) openRouter.enqueue(SseScript.answer(text));
    }

    /** Lets the fake model finish the answer it is streaming (an external server streams on its own). */
    void finishAiAnswer() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        if (server != null) server.close();
        if (openRouter != null) openRouter.close();
    }
}
