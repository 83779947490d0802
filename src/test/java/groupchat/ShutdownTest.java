package groupchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.fake.FakeOpenRouter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {
    @Test
    void inFlightRequestFinishesWhenTheServerStops() throws Exception {
        try (FakeOpenRouter openRouter = FakeOpenRouter.start()) {
            openRouter.models(200, "{\"data\":[{\"id\":\"a/b\",\"name\":\"AB\",\"context_length\":1000,"
                    + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");
            CountDownLatch arrived = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            openRouter.holdModels(arrived, release);
            TestServer server = TestServer.start(Map.of("OPENROUTER_API_KEY", "k",
                    "OPENROUTER_BASE_URL", openRouter.baseUrl()));
            Api.TestUser user = server.api().register("stayer");

            // GET /api/models waits on the upstream: a request in flight when the stop begins.
            CompletableFuture<Api.Response> inFlight = CompletableFuture.supplyAsync(
                    () -> server.api().get("/api/models", user.token()));
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            assertTrue(!stopping.isDone(), "the stop waits for the request in flight");
            release.countDown();

            Api.Response response = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.status());
            assertEquals("a/b", response.body().get(0).get("id").asText());
            stopping.get(15, TimeUnit.SECONDS);
        }
    }
}
