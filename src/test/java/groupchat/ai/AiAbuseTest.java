package groupchat.ai;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.FakeSearch;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits on what the assistant may be made to do, through the real server: tool calls, page fetches, the answer pool. */
class AiAbuseTest {
    static final FakeOpenRouter openRouter = FakeOpenRouter.start();
    static final FakeSearch search = FakeSearch.start();
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("OPENROUTER_API_KEY", "sk-test",
            "OPENROUTER_BASE_URL", openRouter.baseUrl(), "AI_NAME", "Robo", "SEARCH_PROVIDER", "tavily",
            "TAVILY_API_KEY", "tvly-test", "TAVILY_BASE_URL", search.origin(), "PUBLIC_URL", "https://chat.example.test",
            "AI_MAX_RUNNING_ANSWERS", "1", "AI_MAX_QUEUED_ANSWERS", "1"));
    static final TestServer server = running.server();
    static final Api api = server.api();

    @AfterAll
    static void stopFakes() {
        openRouter.close();
        search.close();
    }

    private static void say(TestUser user, String roomId, String content) {
        assertEquals(201, api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content)).status());
    }

    private static JsonNode streamEnd(TestSocket socket) {
        return socket.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(30)).get("message");
    }

    /** One turn that calls {@code tool} once per argument list, then a plain answer. */
    private static JsonNode answerCalling(String tool, List<String> arguments) throws Exception {
        TestUser alice = running.newUser();
        String roomId = Rooms.create(api, alice, "ai room", true);
        SseScript turn = SseScript.stream().role();
        for (int i = 0; i < arguments.size(); i++) turn.toolCall(i, "call_" + i, tool, arguments.get(i));
        int before = openRouter.requests().size();
        openRouter.enqueue(turn.finish("tool_calls").usage(50, 10, null).done(), SseScript.answer("Done."));
        try (TestSocket ws = TestSocket.connect(server, alice.token())) {
            ws.join(roomId);
            say(alice, roomId, "@Robo go");
            JsonNode end = streamEnd(ws);
            assertEquals("Done.", end.get("content").asText(), end.toString());
        }
        return openRouter.request(before + 1).body().get("messages");
    }

    private static List<String> toolResults(JsonNode messages) {
        List<String> results = new ArrayList<>();
        for (JsonNode m : messages) if ("tool".equals(m.get("role").asText())) results.add(m.get("content").asText());
        return results;
    }

    @Test
    void atMostFiveToolCallsOfOneTurnAreRun() throws Exception {
        int searches = search.requests().size();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 7; i++) queries.add("{\"query\":\"question " + i + "\"}");
        List<String> results = toolResults(answerCalling("web_search", queries));
        assertEquals(7, results.size(), "every call is answered");
        assertEquals(5, search.requests().size() - searches, "five ran");
        for (int i = 0; i < 5; i++) assertFalse(results.get(i).startsWith("Error"), results.get(i));
        for (int i = 5; i < 7; i++) {
            assertTrue(results.get(i).startsWith("Error: refused: at most 5 tool calls"), results.get(i));
        }
    }

    @Test
    void pageFetchesNeverReachThisServerNorNameInternalAddresses() throws Exception {
        List<String> results = toolResults(answerCalling("fetch_page", List.of(
                "{\"url\":\"https://chat.example.test/api/health\"}",
                "{\"url\":\"http://localhost:" + server.port() + "/api/health\"}")));
        assertTrue(results.get(0).contains("refused: chat.example.test is this server itself"), results.get(0));
        assertTrue(results.get(1).startsWith("Error: refused: localhost resolves to a loopback address"), results.get(1));
        for (String result : results) {
            assertFalse(result.contains("127.0.0.1") || result.contains("0:0:0:0:0:0:0:1") || result.contains("::1"),
                    result);
        }
    }

    @Test
    void aFullAnswerQueueAnswersWithABusyNotice() throws Exception {
        TestUser alice = running.newUser();
        String held = Rooms.create(api, alice, "ai room", true);
        String queued = Rooms.create(api, alice, "ai room", true);
        String turnedAway = Rooms.create(api, alice, "ai room", true);
        CountDownLatch release = new CountDownLatch(1);
        int before = openRouter.requests().size();
        openRouter.enqueue(SseScript.stream().role().content("Thinking...").await(release).finish("stop")
                .usage(10, 2, null).done(), SseScript.answer("Your turn now."));
        try (TestSocket ws = TestSocket.connect(server, alice.token())) {
            for (String roomId : List.of(held, queued, turnedAway)) ws.join(roomId);
            say(alice, held, "@Robo first");
            openRouter.request(before); // the one slot is taken and held
            say(alice, queued, "@Robo second");
            say(alice, turnedAway, "@Robo third");
            JsonNode notice = ws.await(f -> "new_message".equals(f.path("type").asText())
                    && turnedAway.equals(f.path("room_id").asText())
                    && "system".equals(f.at("/message/kind").asText()), Duration.ofSeconds(10)).get("message");
            assertTrue(notice.get("content").asText().contains("Robo is busy"), notice.toString());

            release.countDown();
            List<String> answeredRooms = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answeredRooms.add(ws.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(30))
                        .get("room_id").asText());
            }
            assertEquals(List.of(held, queued), answeredRooms, "the queued answer ran once a slot was free");
            assertEquals(before + 2, openRouter.requests().size(), "the turned-away trigger was never sent upstream");
        }
    }
}
