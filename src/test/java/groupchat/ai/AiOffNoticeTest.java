package groupchat.ai;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.MovableClock;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The real server without OPENROUTER_API_KEY, on a clock the test moves: a message that would
 * trigger the assistant gets one {@code system} notice per room per hour, so nobody waits in vain.
 */
class AiOffNoticeTest {
    static final MovableClock clock = new MovableClock();
    static final TestServer server = TestServer.start(Map.of("AI_NAME", "Robo"), clock);
    static final Api api = server.api();
    static final AtomicInteger users = new AtomicInteger();

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestUser user() {
        return api.register("off" + users.incrementAndGet());
    }

    static String room(TestUser owner, String aiMode) {
        Api.Response r = api.post("/api/rooms", owner.token(), obj("name", "quiet room", "settings", obj("ai_mode", aiMode)));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    static void say(TestUser user, String roomId, String content) {
        assertEquals(201, api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content))
                .status());
    }

    /** The room's messages as "kind: content", oldest first. */
    static List<String> history(TestUser user, String roomId) {
        JsonNode messages = api.get("/api/rooms/" + roomId + "/messages?limit=200", user.token()).body();
        return StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.get("kind").asText() + ": " + m.get("content").asText()).toList();
    }

    static long notices(List<String> history) {
        return history.stream().filter(line -> line.startsWith("system: ") && line.contains("not configured")).count();
    }

    @Test
    void healthSaysTheAssistantIsOffAndNamesIt() {
        JsonNode health = api.get("/api/health", null).body();
        assertEquals("off", health.get("ai").asText());
        assertEquals("Robo", health.get("ai_name").asText());
    }

    @Test
    void mentionGetsOneNoticeAsNewMessageRightAfterIt() {
        TestUser alice = user();
        String roomId = room(alice, "mention");
        try (TestSocket socket = TestSocket.connect(server, alice.token())) {
            socket.join(roomId);
            say(alice, roomId, "@Robo what is the plan?");
            JsonNode mine = socket.await(f -> "new_message".equals(f.path("type").asText()));
            assertEquals("user", mine.get("message").get("kind").asText());
            JsonNode notice = socket.await(f -> "new_message".equals(f.path("type").asText()));
            assertEquals(roomId, notice.get("room_id").asText());
            assertEquals("system", notice.get("message").get("kind").asText());
            String text = notice.get("message").get("content").asText();
            assertTrue(text.contains("Robo") && text.contains("not configured on this server"), text);
        }
    }

    @Test
    void atMostOneNoticePerRoomPerHour() {
        TestUser alice = user();
        String roomId = room(alice, "mention");
        say(alice, roomId, "@ai are you there?");
        say(alice, roomId, "@ai hello?");
        clock.advance(Duration.ofMinutes(59));
        say(alice, roomId, "@robo anyone?");
        assertEquals(1, notices(history(alice, roomId)));
        clock.advance(Duration.ofMinutes(1));
        say(alice, roomId, "@ai an hour later");
        List<String> history = history(alice, roomId);
        assertEquals(2, notices(history), history.toString());
        assertTrue(history.get(history.size() - 1).startsWith("system: "), "the notice follows the message");
    }

    @Test
    void messagesThatWouldNotTriggerTheAssistantGetNoNotice() {
        TestUser alice = user();
        String mentionRoom = room(alice, "mention");
        say(alice, mentionRoom, "no mention here");
        say(alice, mentionRoom, "mail me at alice@ai.example");
        String offRoom = room(alice, "off");
        say(alice, offRoom, "@ai even a mention, in a room whose assistant is off");
        assertEquals(0, notices(history(alice, mentionRoom)));
        assertEquals(0, notices(history(alice, offRoom)));
    }

    /** Posting reads the room's AI mode from a cache (rooms/Memberships): a settings change must reach it. */
    @Test
    void aChangedAiModeCountsFromTheNextMessage() {
        TestUser alice = user();
        String roomId = room(alice, "off");
        say(alice, roomId, "@ai nobody is asked yet");
        assertEquals(0, notices(history(alice, roomId)));
        assertEquals(200, api.send("PUT", "/api/rooms/" + roomId, alice.token(),
                obj("settings", obj("ai_mode", "always")), null).status());
        say(alice, roomId, "now every message asks");
        assertEquals(1, notices(history(alice, roomId)));
    }

    @Test
    void everyRoomGetsItsOwnNoticeAndAnAlwaysRoomOnlyOne() {
        TestUser alice = user();
        TestUser bob = user();
        String always = room(alice, "always");
        String other = room(bob, "mention");
        say(alice, always, "first message");
        say(alice, always, "second message");
        say(bob, other, "@Robo hi");
        assertEquals(1, notices(history(alice, always)));
        assertEquals(1, notices(history(bob, other)));
    }
}
