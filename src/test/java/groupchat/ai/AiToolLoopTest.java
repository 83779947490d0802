package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.ai.tools.AddressPolicy;
import groupchat.testsupport.Api;
import groupchat.testsupport.fake.FakePages;
import groupchat.testsupport.fake.FakeSearch.Hit;
import groupchat.testsupport.fake.SseScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool loop against fake Tavily, Brave and page servers. */
class AiToolLoopTest {
    private static final String ARGS = "{\"query\":\"java 17 release date\"}";

    @Test
    void tavilySearchResultsGoBackToTheModel() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.TAVILY)) {
            rig.search.results(new Hit("JDK 17", "https://openjdk.org/projects/jdk/17/", "GA on 2021-09-14"));
            JsonNode end = answerWithOneToolCall(rig, "web_search", ARGS);

            FakeSearchCheck.one(rig, "POST", "/search");
            JsonNode sent = Api.JSON.readTree(rig.search.requests().get(0).body());
            assertEquals("tvly-test-key", sent.get("api_key").asText());
            assertEquals("java 17 release date", sent.get("query").asText());

            String toolResult = toolMessage(rig).get("content").asText();
            assertTrue(toolResult.contains("JDK 17") && toolResult.contains("https://openjdk.org/projects/jdk/17/")
                    && toolResult.contains("GA on 2021-09-14"), toolResult);
            JsonNode ai = end.get("ai");
            assertEquals(1, ai.get("tool_calls").size());
            assertEquals("web_search", ai.get("tool_calls").get(0).get("name").asText());
            assertEquals(ARGS, ai.get("tool_calls").get(0).get("arguments").asText());
            assertTrue(ai.get("tool_calls").get(0).get("ok").asBoolean());
            assertEquals(150, ai.get("prompt_tokens").asInt(), "usage adds up over both rounds");
            assertEquals(30, ai.get("completion_tokens").asInt());
            assertEquals(0.001 + 0.00042, ai.get("cost").asDouble(), 1e-12);
            assertToolEvents(rig, "web_search", ARGS, "finished");
        }
    }

    @Test
    void braveSearchResultsGoBackToTheModel() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.BRAVE)) {
            rig.search.results(new Hit("JDK 17", "https://openjdk.org/projects/jdk/17/", "GA on 2021-09-14"));
            answerWithOneToolCall(rig, "web_search", ARGS);

            FakeSearchCheck.one(rig, "GET", "/res/v1/web/search");
            assertEquals("brave-test-key", rig.search.requests().get(0).header("X-Subscription-Token"));
            assertTrue(rig.search.requests().get(0).query().startsWith("q=java+17+release+date"),
                    rig.search.requests().get(0).query());
            String toolResult = toolMessage(rig).get("content").asText();
            assertTrue(toolResult.contains("GA on 2021-09-14") && !toolResult.contains("<strong>"), toolResult);
            assertToolEvents(rig, "web_search", ARGS, "finished");
        }
    }

    @Test
    void fetchPageGivesTheModelReadableText() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.TAVILY); FakePages pages = FakePages.start()) {
            pages.page("/article", "text/html; charset=utf-8", "<html><head><title>Release notes</title>"
                    + "<script>var secret = 1;</script><style>p{}</style></head>"
                    + "<body><h1>JDK 17</h1><p>Released in <b>September</b> 2021.</p></body></html>");
            String args = "{\"url\":\"" + pages.url("/article") + "\"}";
            answerWithOneToolCall(rig, "fetch_page", args);
            String text = toolMessage(rig).get("content").asText();
            assertTrue(text.contains("Release notes"), text);
            assertTrue(text.contains("JDK 17"), text);
            assertTrue(text.contains("Released in September 2021."), text);
            assertFalse(text.contains("secret") || text.contains("<p>"), text);
            assertToolEvents(rig, "fetch_page", args, "finished");
        }
    }

    @Test
    void refusedFetchIsReportedAsFailedAndTheModelIsToldWhy() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.TAVILY, AddressPolicy.publicOnly(), 2, null);
             FakePages pages = FakePages.start()) {
            pages.page("/admin", "text/plain", "internal");
            String args = "{\"url\":\"" + pages.url("/admin") + "\"}";
            JsonNode end = answerWithOneToolCall(rig, "fetch_page", args);
            assertTrue(pages.hits().isEmpty(), "no connection to a loopback address");
            String told = toolMessage(rig).get("content").asText();
            assertTrue(told.startsWith("Error: refused") && told.contains("loopback"), told);
            assertFalse(end.get("ai").get("tool_calls").get(0).get("ok").asBoolean());
            assertToolEvents(rig, "fetch_page", args, "failed");
        }
    }

    @Test
    void failingSearchAndBadCallsAreFailedToolCalls() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.TAVILY)) {
            rig.search.failWith(500);
            String room = rig.rooms.room("always");
            rig.openRouter.enqueue(SseScript.stream().role()
                    .toolCall(0, "call_a", "web_search", ARGS)
                    .toolCall(1, "call_b", "web_search", "{\"query\": ")
                    .toolCall(2, "call_c", "launch_rockets", "{}")
                    .finish("tool_calls").usage(5, 5, null).done(), SseScript.answer("Sorry, no luck."));
            rig.post(room, "u1", "Alice", "search please");
            JsonNode end = rig.events.awaitAnswers(1).stream()
                    .filter(e -> e.get("type").asText().equals("ai_stream_end")).findFirst().orElseThrow().get("message");
            JsonNode calls = end.get("ai").get("tool_calls");
            assertEquals(3, calls.size());
            calls.forEach(c -> assertFalse(c.get("ok").asBoolean(), c.toString()));
            JsonNode messages = rig.openRouter.requests().get(1).body().get("messages");
            int n = messages.size();
            assertEquals("call_a", messages.get(n - 3).get("tool_call_id").asText());
            assertTrue(messages.get(n - 3).get("content").asText().contains("HTTP 500"));
            assertTrue(messages.get(n - 2).get("content").asText().contains("not valid JSON"));
            assertTrue(messages.get(n - 1).get("content").asText().contains("no tool named launch_rockets"));
            assertEquals(3, rig.events.ofType("ai_tool").stream()
                    .filter(e -> e.get("status").asText().equals("failed")).count());
        }
    }

    @Test
    void toolRoundsStopAtTheLimitAndTheModelMustAnswer() throws Exception {
        try (AiRig rig = new AiRig(AiRig.Search.TAVILY, AddressPolicy.publicAndLoopback(), 2, null)) {
            String room = rig.rooms.room("always");
            for (int i = 0; i < 3; i++) {
                rig.openRouter.enqueue(SseScript.stream().role().toolCall(0, "call_" + i, "web_search", ARGS)
                        .finish("tool_calls").usage(1, 1, null).done());
            }
            rig.post(room, "u1", "Alice", "search forever");
            JsonNode end = rig.events.awaitAnswers(1).stream()
                    .filter(e -> e.get("type").asText().equals("ai_stream_end")).findFirst().orElseThrow().get("message");
            List<JsonNode> bodies = rig.openRouter.requests().stream().map(r -> r.body()).toList();
            assertEquals(3, bodies.size());
            assertFalse(bodies.get(0).has("tool_choice"));
            assertFalse(bodies.get(1).has("tool_choice"));
            assertEquals("none", bodies.get(2).get("tool_choice").asText());
            assertEquals(2, rig.search.requests().size());
            assertEquals(2, end.get("ai").get("tool_calls").size());
        }
    }

    private static JsonNode answerWithOneToolCall(AiRig rig, String tool, String args) throws Exception {
        String room = rig.rooms.room("mention");
        rig.openRouter.enqueue(SseScript.stream().role().toolCall(0, "call_1", tool, args)
                        .finish("tool_calls").usage(50, 10, 0.001).done(),
                SseScript.answer("JDK 17 ", "came out in 2021."));
        rig.post(room, "u1", "Alice", "@ai when did java 17 come out?");
        List<JsonNode> events = rig.events.awaitAnswers(1);
        JsonNode end = events.stream().filter(e -> e.get("type").asText().equals("ai_stream_end"))
                .findFirst().orElseThrow().get("message");
        assertEquals("ai", end.get("kind").asText(), end.toString());
        assertEquals("JDK 17 came out in 2021.", end.get("content").asText());

        JsonNode second = rig.openRouter.requests().get(1).body().get("messages");
        JsonNode assistant = second.get(second.size() - 2);
        assertEquals("assistant", assistant.get("role").asText());
        JsonNode call = assistant.get("tool_calls").get(0);
        assertEquals("call_1", call.get("id").asText());
        assertEquals(tool, call.get("function").get("name").asText());
        assertEquals(args, call.get("function").get("arguments").asText(), "fragments reassembled");
        return end;
    }

    private static JsonNode toolMessage(AiRig rig) {
        JsonNode messages = rig.openRouter.requests().get(1).body().get("messages");
        JsonNode tool = messages.get(messages.size() - 1);
        assertEquals("tool", tool.get("role").asText());
        assertEquals("call_1", tool.get("tool_call_id").asText());
        return tool;
    }

    /** ai_tool started then finished/failed, between the stream's start and end. */
    private static void assertToolEvents(AiRig rig, String tool, String args, String outcome) {
        List<String> order = rig.events.all().stream().map(e -> e.get("type").asText()
                + (e.has("status") ? ":" + e.get("status").asText() : "")).filter(t -> !t.equals("ai_stream_chunk")).toList();
        assertEquals(List.of("ai_typing", "ai_stream_start", "ai_tool:started", "ai_tool:" + outcome,
                "ai_stream_end", "ai_typing"), order);
        JsonNode started = rig.events.ofType("ai_tool").get(0);
        assertEquals(tool, started.get("tool").asText());
        assertEquals(args, started.get("arguments").asText());
        assertEquals(rig.events.ofType("ai_stream_start").get(0).get("stream_id"), started.get("stream_id"));
    }

    private static final class FakeSearchCheck {
        static void one(AiRig rig, String method, String path) {
            assertEquals(1, rig.search.requests().size());
            assertEquals(method, rig.search.requests().get(0).method());
            assertEquals(path, rig.search.requests().get(0).path());
        }
    }
}
