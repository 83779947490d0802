package groupchat.ai;

import groupchat.rooms.RoomSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.rooms.RoomSettings;
import groupchat.messages.AiMeta;
import groupchat.messages.Message;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Triggers, the request sent upstream, the events of one answer and what is stored. */
class AiAnswerTest {
    private final AiRig rig = new AiRig(AiRig.Search.OFF);

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void mentionStreamsOneAnswerInContractOrder() throws Exception {
        String room = rig.rooms.room("mention");
        rig.openRouter.enqueue(SseScript.stream().comment("OPENROUTER PROCESSING").role().content("Hello")
                .comment("keep-alive").content(" world").finish("stop").usage(100, 20, 0.00042).done());
        Message trigger = rig.post(room, "u-alice", "Alice", "@robo say hi");
        List<JsonNode> events = rig.events.awaitAnswers(1);

        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertEquals("ai_typing", types.get(0));
        assertTrue(events.get(0).get("is_typing").asBoolean());
        assertEquals("fake/default-model", events.get(0).get("model").asText());
        assertEquals("ai_stream_start", types.get(1));
        assertEquals("ai_stream_end", types.get(types.size() - 2));
        assertEquals("ai_typing", types.get(types.size() - 1));
        assertFalse(events.get(types.size() - 1).get("is_typing").asBoolean());
        String streamId = events.get(1).get("stream_id").asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(2, events.size() - 2)) {
            assertEquals("ai_stream_chunk", e.get("type").asText());
            assertEquals(streamId, e.get("stream_id").asText());
            text.append(e.get("delta").asText());
        }
        for (JsonNode e : events) assertEquals(room, e.get("room_id").asText(), e.toString());
        assertEquals("Hello world", text.toString());

        JsonNode end = events.get(types.size() - 2);
        assertEquals(streamId, end.get("stream_id").asText());
        JsonNode message = end.get("message");
        assertEquals("ai", message.get("kind").asText());
        assertEquals("Hello world", message.get("content").asText());
        JsonNode ai = message.get("ai");
        assertEquals("fake/model-1", ai.get("model").asText());
        assertEquals(100, ai.get("prompt_tokens").asInt());
        assertEquals(20, ai.get("completion_tokens").asInt());
        assertEquals(120, ai.get("total_tokens").asInt());
        assertEquals(0.00042, ai.get("cost").asDouble(), 1e-12);
        assertEquals("stop", ai.get("finish_reason").asText());
        assertTrue(ai.get("latency_ms").asLong() >= 0);
        assertEquals(0, ai.get("tool_calls").size());
        assertTrue(ai.get("error").isNull());

        List<InMemoryRooms.Stored> stored = rig.rooms.stored(room);
        assertEquals(2, stored.size());
        assertEquals("u-alice", stored.get(1).triggeredBy());
        assertEquals(message.get("id").asText(), stored.get(1).message().id());
    }

    @Test
    void mentionRoomIgnoresMessagesWithoutMention() throws Exception {
        String room = rig.rooms.room("mention");
        rig.post(room, "u-quiet", "Alice", "what does the ai think? mail bob@ai.com");
        // Had that message started an answer, the mention below would only be its follow-up.
        rig.openRouter.enqueue(SseScript.stream().content("Hi").finish("stop").done());
        rig.post(room, "u-asks", "Bob", "@ai now?");
        rig.events.awaitAnswers(1);
        assertEquals(1, rig.openRouter.requests().size());
        assertEquals("u-asks", rig.rooms.stored(room).get(2).triggeredBy());
    }

    @Test
    void alwaysRoomAnswersEveryHumanMessage() throws Exception {
        String room = rig.rooms.room("always");
        rig.post(room, "u1", "Alice", "good morning");
        rig.events.awaitAnswers(1);
        rig.post(room, "u1", "Alice", "and another thing");
        rig.events.awaitAnswers(2);
        assertEquals(2, rig.openRouter.requests().size());
    }

    @Test
    void offRoomNeverAnswersEvenWhenMentioned() throws Exception {
        String room = rig.rooms.room("off");
        rig.post(room, "u-off", "Alice", "@ai hello?");
        // Had the first message started an answer, the next trigger would only be its follow-up.
        rig.rooms.update(room, new RoomSettings("mention", null, null, true, null));
        rig.openRouter.enqueue(SseScript.stream().content("Hi").finish("stop").done());
        rig.post(room, "u-on", "Bob", "@ai and now?");
        rig.events.awaitAnswers(1);
        assertEquals(1, rig.openRouter.requests().size());
        assertEquals("u-on", rig.rooms.stored(room).get(2).triggeredBy());
    }

    @Test
    void aiAndSystemMessagesNeverTrigger() throws Exception {
        String room = rig.rooms.room("always");
        Message ai = rig.rooms.storeAiMessage(room, "@ai I answer myself", null, null, m -> m);
        Message system = rig.rooms.storeSystemMessage(room, "@ai the room was renamed", m -> m);
        rig.ai.messagePosted(ai, "always");
        rig.ai.messagePosted(system, "always");
        rig.openRouter.enqueue(SseScript.stream().content("Hi").finish("stop").done());
        rig.post(room, "u-human", "Alice", "hello");
        rig.events.awaitAnswers(1);
        assertEquals(1, rig.openRouter.requests().size());
        assertEquals("u-human", rig.rooms.stored(room).get(3).triggeredBy());
    }

    @Test
    void requestCarriesHistoryNamesPromptsAndRecentImages() throws Exception {
        String room = rig.rooms.room(
                new RoomSettings("mention", "vendor/room-model", "Speak like a pirate.", true, null));
        byte[] oldPng = {(byte) 0x89, 'P', 'N', 'G', 1};
        byte[] cat = {(byte) 0x89, 'P', 'N', 'G', 2};
        byte[] dog = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 3};
        rig.rooms.image("/uploads/chat-images/old.png", "image/png", oldPng);
        rig.rooms.image("/uploads/chat-images/cat.png", "image/png", cat);
        rig.rooms.image("/uploads/chat-images/dog.jpg", "image/jpeg", dog);
        rig.rooms.human(room, "u1", "Alice", "", "/uploads/chat-images/old.png");
        rig.rooms.human(room, "u1", "Alice", "Look at this", "/uploads/chat-images/cat.png");
        rig.rooms.human(room, "u2", "Bob", "nice", null);
        rig.rooms.storeAiMessage(room, "Arr, a cat.", new AiMeta("m", 1, 1, 2, null, false, "stop", 0L, List.of(), null), "u1",
                m -> m);
        rig.rooms.storeSystemMessage(room, "Robo could not answer: HTTP 500.", m -> m);
        rig.rooms.human(room, "u2", "Bob", "", "/uploads/chat-images/dog.jpg");
        Message trigger = rig.post(room, "u1", "Alice", "@Robo and this one?");
        rig.events.awaitAnswers(1);

        FakeOpenRouter.Request request = rig.openRouter.takeRequest();
        assertEquals("Bearer sk-or-test", request.header("Authorization"));
        JsonNode body = request.body();
        assertEquals("vendor/room-model", body.get("model").asText());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.get("usage").get("include").asBoolean());
        assertFalse(body.has("tools"), "no search provider: no tools");

        JsonNode messages = body.get("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.get("role").asText()));
        assertEquals(List.of("system", "user", "user", "user", "assistant", "user", "user"), roles);
        String system = messages.get(0).get("content").asText();
        assertTrue(system.contains("Robo"), system);
        assertTrue(system.contains("Speak like a pirate."), system);
        // Only the 2 newest images are inlined (the rig's limit); the oldest becomes a note.
        assertEquals("Alice: [an image]", messages.get(1).get("content").asText());
        JsonNode catTurn = messages.get(2).get("content");
        assertEquals("text", catTurn.get(0).get("type").asText());
        assertEquals("Alice: Look at this", catTurn.get(0).get("text").asText());
        assertEquals("image_url", catTurn.get(1).get("type").asText());
        assertEquals("data:image/png;base64," + Base64.getEncoder().encodeToString(cat),
                catTurn.get(1).get("image_url").get("url").asText());
        assertEquals("Bob: nice", messages.get(3).get("content").asText());
        assertEquals("Arr, a cat.", messages.get(4).get("content").asText());
        assertEquals("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(dog),
                messages.get(5).get("content").get(1).get("image_url").get("url").asText());
        assertEquals("Alice: @Robo and this one?", messages.get(6).get("content").asText());
    }

    @Test
    void historyIsLimitedToTheNewestMessages() throws Exception {
        String room = rig.rooms.room("always");
        for (int i = 1; i <= 34; i++) rig.rooms.human(room, "u1", "Alice", "message " + i);
        rig.post(room, "u1", "Alice", "message 35");
        rig.events.awaitAnswers(1);
        JsonNode messages = rig.openRouter.takeRequest().body().get("messages");
        assertEquals(1 + 30, messages.size());
        assertEquals("Alice: message 6", messages.get(1).get("content").asText());
        assertEquals("Alice: message 35", messages.get(30).get("content").asText());
    }

    @Test
    void toolsAreOfferedOnlyWhenSearchIsConfiguredAndTheRoomAllowsIt() throws Exception {
        try (AiRig withSearch = new AiRig(AiRig.Search.TAVILY)) {
            String allowed = withSearch.rooms.room(new RoomSettings("always", null, null, true, null));
            withSearch.post(allowed, "u1", "Alice", "hi");
            withSearch.events.awaitAnswers(1);
            JsonNode tools = withSearch.openRouter.takeRequest().body().get("tools");
            assertNotNull(tools);
            assertEquals("web_search", tools.get(0).get("function").get("name").asText());
            assertEquals("query", tools.get(0).get("function").get("parameters").get("required").get(0).asText());
            assertEquals("fetch_page", tools.get(1).get("function").get("name").asText());

            String denied = withSearch.rooms.room(new RoomSettings("always", null, null, false, null));
            withSearch.post(denied, "u1", "Alice", "hi");
            withSearch.events.awaitAnswers(2);
            assertFalse(withSearch.openRouter.takeRequest().body().has("tools"));
        }
    }

    @Test
    void coalescingSendsTheFirstDeltaAtOnceAndFewerFramesThanTokens() throws Exception {
        String room = rig.rooms.room("always");
        CountDownLatch firstChunkSeen = new CountDownLatch(1);
        SseScript script = SseScript.stream().role().content("First").await(firstChunkSeen);
        StringBuilder expected = new StringBuilder("First");
        for (int i = 0; i < 300; i++) {
            script.content(" tok" + i);
            expected.append(" tok").append(i);
        }
        rig.openRouter.enqueue(script.finish("stop").usage(10, 300, null).done());
        rig.events.onEvent(e -> {
            if (e.get("type").asText().equals("ai_stream_chunk")) firstChunkSeen.countDown();
        });
        rig.post(room, "u1", "Alice", "count");
        rig.events.awaitAnswers(1);

        // The fake held back every later token until the first frame had been published.
        assertTrue(script.gatesOpenedInTime(), "the first delta was not sent on its own, at once");
        List<JsonNode> chunks = rig.events.ofType("ai_stream_chunk");
        assertEquals("First", chunks.get(0).get("delta").asText());
        assertTrue(chunks.size() < 300, "expected coalesced frames, got " + chunks.size());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.get("delta").asText()));
        assertEquals(expected.toString(), text.toString());
        assertEquals(expected.toString(), rig.events.ofType("ai_stream_end").get(0).get("message").get("content").asText());
        assertTrue(rig.events.ofType("ai_stream_end").get(0).get("message").get("ai").get("cost").isNull());
    }

}
