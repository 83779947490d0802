package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.ai.tools.AddressPolicy;
import groupchat.messages.Message;
import groupchat.testsupport.FreePorts;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstream failures, stop, rooms that go away, and triggers that arrive during an answer. */
class AiFailuresTest {
    private final AiRig rig = new AiRig(AiRig.Search.OFF);

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void upstreamServerErrorEndsWithSystemMessageAndTheRoomKeepsWorking() throws Exception {
        assertFailsThenRecovers(FakeOpenRouter.error(502, "Provider returned error"), "HTTP 502", "Provider returned error");
    }

    @Test
    void upstreamClientErrorEndsWithSystemMessage() throws Exception {
        assertFailsThenRecovers(FakeOpenRouter.error(401, "No auth credentials found"), "HTTP 401", "No auth credentials");
    }

    @Test
    void stalledStreamTimesOut() throws Exception {
        assertFailsThenRecovers(SseScript.stream().role().content("Hal").stall(6_000), "stalled");
    }

    @Test
    void keepAliveCommentsAloneDoNotKeepAStalledAnswerAliveForeverButDoResetTheIdleClock() throws Exception {
        // Comments every 0.5 s for 5 s (longer than the rig's 3 s idle timeout), then the answer.
        SseScript slowThinker = SseScript.stream().role();
        for (int i = 0; i < 10; i++) slowThinker.comment("OPENROUTER PROCESSING").stall(500);
        rig.openRouter.enqueue(slowThinker.content("Thought about it.").finish("stop").usage(1, 1, null).done());
        String room = rig.rooms.room("always");
        rig.post(room, "u1", "Alice", "think hard");
        JsonNode end = lastEnd(rig.events.awaitAnswers(1));
        assertEquals("ai", end.get("kind").asText());
        assertEquals("Thought about it.", end.get("content").asText());
    }

    @Test
    void streamCutMidwayEndsWithSystemMessage() throws Exception {
        assertFailsThenRecovers(SseScript.stream().role().content("Half an ans"), "cut off");
    }

    @Test
    void malformedChunkEndsWithSystemMessage() throws Exception {
        assertFailsThenRecovers(SseScript.stream().role().data("{\"choices\": [{\"delta\": "), "not JSON");
    }

    @Test
    void errorSentMidStreamEndsWithSystemMessage() throws Exception {
        assertFailsThenRecovers(SseScript.stream().role().content("Hi")
                .data("{\"error\":{\"code\":502,\"message\":\"Upstream overloaded\"}}"), "Upstream overloaded");
    }

    @Test
    void unreachableProviderEndsWithSystemMessage() throws Exception {
        int closedPort = FreePorts.one();
        try (AiRig down = new AiRig(AiRig.Search.OFF, AddressPolicy.publicOnly(), 2,
                "http://127.0.0.1:" + closedPort + "/api/v1")) {
            String room = down.rooms.room("always");
            down.post(room, "u1", "Alice", "hello");
            JsonNode end = lastEnd(down.events.awaitAnswers(1));
            assertEquals("system", end.get("kind").asText());
            assertTrue(end.get("content").asText().contains("could not connect"), end.toString());
        }
    }

    @Test
    void stopKeepsThePartialTextWithFinishReasonStopped() throws Exception {
        String room = rig.rooms.room("always");
        rig.openRouter.enqueue(SseScript.stream().role().content("Partial answer").stall(10_000));
        rig.post(room, "u1", "Alice", "tell me a long story");
        rig.events.awaitCount(e -> e.get("type").asText().equals("ai_stream_chunk"), 1);
        rig.ai.stop(room);
        List<JsonNode> events = rig.events.awaitAnswers(1);
        JsonNode end = lastEnd(events);
        assertEquals("ai", end.get("kind").asText());
        assertEquals("Partial answer", end.get("content").asText());
        assertEquals("stopped", end.get("ai").get("finish_reason").asText());
        assertEquals("ai_typing", events.get(events.size() - 1).get("type").asText());
        assertRoomStillAnswers(room, 2);
    }

    @Test
    void stopBeforeAnyTextStoresASystemNotice() throws Exception {
        String room = rig.rooms.room("always");
        rig.openRouter.enqueue(SseScript.stream().comment("OPENROUTER PROCESSING").stall(10_000));
        rig.post(room, "u1", "Alice", "hello");
        rig.events.awaitCount(e -> e.get("type").asText().equals("ai_stream_start"), 1);
        rig.openRouter.takeRequest();
        rig.ai.stop(room);
        JsonNode end = lastEnd(rig.events.awaitAnswers(1));
        assertEquals("system", end.get("kind").asText());
        assertTrue(end.get("content").asText().contains("stopped"), end.toString());
    }

    @Test
    void clearedOrDeletedRoomStopsTheAnswerAndStoresNothing() throws Exception {
        String room = rig.rooms.room("always");
        rig.openRouter.enqueue(SseScript.stream().role().content("Some").stall(10_000));
        rig.post(room, "u1", "Alice", "hello");
        rig.events.awaitCount(e -> e.get("type").asText().equals("ai_stream_chunk"), 1);
        rig.ai.roomGone(room);
        rig.events.awaitAnswers(1);
        assertTrue(rig.events.ofType("ai_stream_end").isEmpty());
        assertEquals(1, rig.rooms.stored(room).size(), "only the human message");
    }

    @Test
    void triggersDuringAnAnswerMergeIntoOneFollowUp() throws Exception {
        String room = rig.rooms.room("always");
        CountDownLatch release = new CountDownLatch(1);
        rig.openRouter.enqueue(SseScript.stream().role().content("first answer").await(release)
                .finish("stop").usage(1, 1, null).done());
        rig.post(room, "u1", "Alice", "one");
        rig.events.awaitCount(e -> e.get("type").asText().equals("ai_stream_chunk"), 1);
        rig.post(room, "u2", "Bob", "two");
        rig.post(room, "u1", "Alice", "three");
        rig.post(room, "u3", "Carol", "four");
        assertEquals(1, rig.openRouter.requests().size(), "no second answer while the first runs");
        release.countDown();
        rig.events.awaitAnswers(2);

        assertEquals(2, rig.openRouter.requests().size());
        JsonNode followUp = rig.openRouter.requests().get(1).body().get("messages");
        // The first answer is placed where it started, so the request ends with the unanswered messages.
        List<String> turns = new java.util.ArrayList<>();
        followUp.forEach(t -> turns.add(t.get("role").asText() + " " + t.get("content").asText()));
        assertEquals(List.of("user Alice: one", "assistant first answer", "user Bob: two", "user Alice: three",
                "user Carol: four"), turns.subList(1, turns.size()));
        List<InMemoryRooms.Stored> stored = rig.rooms.stored(room);
        assertEquals("u3", stored.get(stored.size() - 1).triggeredBy());
        // The two answers did not interleave: typing on/off, on/off.
        List<Boolean> typing = rig.events.ofType("ai_typing").stream().map(e -> e.get("is_typing").asBoolean()).toList();
        assertEquals(List.of(true, false, true, false), typing);
    }

    private void assertFailsThenRecovers(FakeOpenRouter.Reply failure, String... expected) throws Exception {
        String room = rig.rooms.room("mention");
        rig.openRouter.enqueue(failure);
        rig.post(room, "u1", "Alice", "@ai hello");
        List<JsonNode> events = rig.events.awaitAnswers(1);
        JsonNode end = lastEnd(events);
        assertEquals("system", end.get("kind").asText());
        for (String part : expected) assertTrue(end.get("content").asText().contains(part), end.toString());
        assertEquals("ai_typing", events.get(events.size() - 1).get("type").asText());
        assertEquals(2, rig.rooms.stored(room).size());
        assertEquals(Message.SYSTEM, rig.rooms.stored(room).get(1).message().kind());
        assertRoomStillAnswers(room, 2);
    }

    private void assertRoomStillAnswers(String room, int answerNumber) throws Exception {
        rig.post(room, "u1", "Alice", "@ai are you back?");
        JsonNode end = lastEnd(rig.events.awaitAnswers(answerNumber));
        assertEquals("ai", end.get("kind").asText());
        assertEquals("OK", end.get("content").asText());
    }

    private static JsonNode lastEnd(List<JsonNode> events) {
        JsonNode end = null;
        for (JsonNode e : events) if (e.get("type").asText().equals("ai_stream_end")) end = e.get("message");
        if (end == null) throw new AssertionError("no ai_stream_end in " + events);
        return end;
    }
}
