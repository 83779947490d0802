package groupchat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Messages;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reactions through the real server: counts, who, order, idempotence, limits and events. */
class ReactionsTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static String reaction(String roomId, JsonNode message, String emoji) {
        return "/api/rooms/" + roomId + "/messages/" + message.get("id").asText() + "/reactions/"
                + URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Api.Response react(TestUser user, String roomId, JsonNode message, String emoji) {
        return api.put(reaction(roomId, message, emoji), user.token(), null);
    }

    static Api.Response unreact(TestUser user, String roomId, JsonNode message, String emoji) {
        return api.delete(reaction(roomId, message, emoji), user.token());
    }

    static String summary(JsonNode message) {
        StringBuilder out = new StringBuilder();
        for (JsonNode r : message.get("reactions")) {
            out.append(r.get("emoji").asText()).append(r.get("count").asInt()).append(r.get("user_ids")).append(' ');
        }
        return out.toString().strip();
    }

    @Test
    void membersReactAndEveryoneSeesCountsAndWhoInOrderOfFirstUse() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode m = Messages.say(api, alice, roomId, "ship it?");
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            Api.Response first = react(bob, roomId, m, "👍");
            assertEquals(200, first.status(), first.toString());
            assertEquals("👍1[\"" + bob.id() + "\"]", summary(first.body()));
            assertEquals(first.body(), a.awaitType("message_updated").get("message"));

            react(alice, roomId, m, "🎉");
            react(alice, roomId, m, "👍");
            JsonNode now = react(bob, roomId, m, "👍").body();
            assertEquals("👍2[\"" + bob.id() + "\",\"" + alice.id() + "\"] 🎉1[\"" + alice.id() + "\"]", summary(now),
                    "adding twice is a no-op; emoji keep the order of first use");
            a.awaitType("message_updated");
            a.awaitType("message_updated");
            a.assertNone(f -> "message_updated".equals(f.path("type").asText()), Duration.ofMillis(300));

            JsonNode removed = unreact(bob, roomId, m, "👍").body();
            assertEquals("👍1[\"" + alice.id() + "\"] 🎉1[\"" + alice.id() + "\"]", summary(removed));
            assertEquals(200, unreact(bob, roomId, m, "👍").status(), "removing an absent one is a no-op");
            assertEquals(summary(removed), summary(unreact(bob, roomId, m, "🦄").body()));
        }
        assertEquals("👍1[\"" + alice.id() + "\"] 🎉1[\"" + alice.id() + "\"]",
                summary(Messages.history(api, bob, roomId).get(0)), "history shows the reactions");
    }

    @Test
    void atMostTwentyKindsPerMessage() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode m = Messages.say(api, alice, roomId, "rate this");
        for (int i = 0; i < 20; i++) assertEquals(200, react(alice, roomId, m, ":e" + i + ":").status());
        Api.Response tooMany = react(alice, roomId, m, ":e20:");
        assertEquals(409, tooMany.status());
        assertEquals("conflict", tooMany.body().get("code").asText());
        assertEquals(200, react(bob, roomId, m, ":e7:").status(), "an emoji already there is still welcome");
        JsonNode now = Messages.history(api, alice, roomId).get(0);
        assertEquals(20, now.get("reactions").size());
        assertEquals(2, now.get("reactions").get(7).get("count").asInt());
    }

    @Test
    void emojiIsOneToThirtyTwoCharacters() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        JsonNode m = Messages.say(api, alice, roomId, "hello");
        assertEquals(200, react(alice, roomId, m, "😀".repeat(32)).status());
        Api.Response long33 = react(alice, roomId, m, "😀".repeat(33));
        assertEquals(400, long33.status());
        assertEquals("invalid_request", long33.body().get("code").asText());
        assertEquals(400, react(alice, roomId, m, "   ").status());
        assertEquals(400, react(alice, roomId, m, "a\u0007").status());
        JsonNode stored = Messages.history(api, alice, roomId).get(0).get("reactions");
        assertEquals(1, stored.size());
        assertEquals("😀".repeat(32), stored.get(0).get("emoji").asText(), "decoded from the URL");
    }

    @Test
    void onlyMembersReactAndNeverToDeletedOrUnknownMessages() {
        TestUser alice = running.newUser();
        String publicRoom = Rooms.publicRoom(api, alice);
        JsonNode m = Messages.say(api, alice, publicRoom, "hi");
        TestUser stranger = running.newUser();
        assertEquals(403, react(stranger, publicRoom, m, "👋").status(), "a public room's non-member");
        String privateRoom = api.post("/api/rooms", alice.token(), Api.obj("name", "secret")).body().get("id").asText();
        JsonNode hidden = Messages.say(api, alice, privateRoom, "psst");
        assertEquals(404, react(stranger, privateRoom, hidden, "👋").status(), "a private room stays hidden");
        JsonNode unknown = Api.JSON.createObjectNode().put("id", "00000000-0000-0000-0000-000000000000");
        assertEquals(404, react(alice, publicRoom, unknown, "👋").status());
        assertEquals(404, react(alice, privateRoom, m, "👋").status(), "a message of another room");

        react(alice, publicRoom, m, "👋");
        assertEquals(204, api.delete("/api/rooms/" + publicRoom + "/messages/" + m.get("id").asText(),
                alice.token()).status());
        assertEquals(409, react(alice, publicRoom, m, "👋").status());
        assertEquals(409, unreact(alice, publicRoom, m, "👋").status());
        assertTrue(Messages.history(api, alice, publicRoom).get(0).get("reactions").isEmpty(), "a tombstone has no reactions");
    }
}
