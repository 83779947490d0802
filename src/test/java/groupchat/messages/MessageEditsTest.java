package groupchat.messages;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Messages;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PATCH and DELETE of messages through the real server: rules, tombstones, hashes, events, the AI's view. */
class MessageEditsTest {
    @RegisterExtension
    static final ServerExtension running = ServerExtension.withFakeOpenRouter();
    static final FakeOpenRouter openRouter = running.openRouter();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static String path(String roomId, JsonNode message) {
        return "/api/rooms/" + roomId + "/messages/" + message.get("id").asText();
    }

    static Api.Response edit(TestUser user, String roomId, JsonNode message, String content) {
        return api.send("PATCH", path(roomId, message), user.token(), obj("content", content), null);
    }

    static String hash(String roomId, String userId, String content, String createdAt) throws Exception {
        String json = Api.JSON.writeValueAsString(List.of(roomId, userId, "user", content, "", createdAt));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void authorEditsAndTheRoomSeesTheNewTextWithANewHash() throws Exception {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode original = Messages.say(api, alice, roomId, "teh plan");
        assertTrue(original.get("edited_at").isNull());
        assertFalse(original.get("deleted").asBoolean());
        assertEquals(0, original.get("reactions").size());
        try (TestSocket b = TestSocket.connect(server, bob.token())) {
            b.join(roomId);
            Api.Response edited = edit(alice, roomId, original, "  the plan  ");
            assertEquals(200, edited.status(), edited.toString());
            JsonNode m = edited.body();
            assertEquals("the plan", m.get("content").asText());
            assertTrue(m.get("edited_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertEquals(original.get("created_at"), m.get("created_at"));
            assertEquals(hash(roomId, alice.id(), "the plan", original.get("created_at").asText()),
                    m.get("hash").asText());
            assertNotEquals(original.get("hash"), m.get("hash"));

            JsonNode update = b.awaitType("message_updated");
            assertEquals(roomId, update.get("room_id").asText());
            assertEquals(m, update.get("message"));
        }
        assertEquals("the plan", Messages.history(api, bob, roomId).get(0).get("content").asText());
        for (String h : List.of(original.get("hash").asText(), hash(roomId, alice.id(), "the plan",
                original.get("created_at").asText()))) {
            Api.Response byHash = api.get("/api/messages/hash/" + h, bob.token());
            assertEquals(200, byHash.status(), "old and new hash both resolve");
            assertEquals("the plan", byHash.body().get("content").asText());
        }
        TestUser stranger = running.newUser();
        assertEquals(404, api.get("/api/messages/hash/" + original.get("hash").asText(), stranger.token()).status());
    }

    @Test
    void onlyTheAuthorEditsAndOnlyWithValidContent() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode m = Messages.say(api, alice, roomId, "mine");
        assertEquals(403, edit(bob, roomId, m, "theirs").status(), "someone else's message");
        assertEquals(400, edit(alice, roomId, m, "   ").status());
        assertEquals(400, edit(alice, roomId, m, "x".repeat(16_001)).status());
        assertEquals(400, api.send("PATCH", path(roomId, m), alice.token(), obj("content", 5), null).status());
        String unknown = "/api/rooms/" + roomId + "/messages/00000000-0000-0000-0000-000000000000";
        assertEquals(404, api.send("PATCH", unknown, alice.token(), obj("content", "x"), null).status());
        String otherRoom = Rooms.publicRoom(api, alice);
        assertEquals(404, edit(alice, otherRoom, m, "moved").status(), "a message of another room");
        TestUser stranger = running.newUser();
        assertEquals(403, edit(stranger, roomId, m, "x").status(), "public room, not a member");
        assertEquals("mine", Messages.history(api, alice, roomId).get(0).get("content").asText());

        assertEquals(204, api.delete(path(roomId, m), alice.token()).status());
        Api.Response late = edit(alice, roomId, m, "too late");
        assertEquals(409, late.status());
        assertEquals("conflict", late.body().get("code").asText());
    }

    @Test
    void deleteLeavesATombstoneThatPagingRepliesAndHashesStillFind() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode first = Messages.say(api, alice, roomId, "first");
        JsonNode doomed = Messages.say(api, alice, roomId, "regrettable");
        JsonNode reply = Messages.post(api, bob, roomId, obj("content", "what?", "reply_to", doomed.get("id").asText()));
        assertEquals(200, api.put(path(roomId, doomed) + "/reactions/%F0%9F%91%8D", bob.token(), null).status());
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            assertEquals(204, api.delete(path(roomId, doomed), alice.token()).status());
            JsonNode tombstone = a.awaitType("message_updated").get("message");
            assertEquals(doomed.get("id"), tombstone.get("id"));
            assertTrue(tombstone.get("deleted").asBoolean());
            assertEquals("", tombstone.get("content").asText());
            assertTrue(tombstone.get("image_url").isNull());
            assertEquals(0, tombstone.get("reactions").size());
            assertEquals(doomed.get("hash"), tombstone.get("hash"));
            assertEquals(doomed.get("created_at"), tombstone.get("created_at"));
        }
        JsonNode history = Messages.history(api, bob, roomId);
        assertEquals(3, history.size());
        assertTrue(history.get(1).get("deleted").asBoolean());
        assertEquals(doomed.get("id"), history.get(2).get("reply_to"));
        String base = "/api/rooms/" + roomId + "/messages?";
        assertEquals(first.get("id"), api.get(base + "before=" + doomed.get("id").asText(), bob.token())
                .body().get(0).get("id"));
        assertEquals(reply.get("id"), api.get(base + "after=" + doomed.get("id").asText(), bob.token())
                .body().get(0).get("id"));
        JsonNode byHash = api.get("/api/messages/hash/" + doomed.get("hash").asText(), bob.token()).body();
        assertTrue(byHash.get("deleted").asBoolean());
        assertEquals(204, api.delete(path(roomId, doomed), alice.token()).status(), "deleting again changes nothing");
    }

    @Test
    void theAuthorOrTheRoomsOwnersAndAdminsDelete() {
        TestUser owner = running.newUser();
        TestUser admin = running.newUser();
        TestUser member = running.newUser();
        String roomId = Rooms.publicRoom(api, owner, admin, member);
        api.put("/api/rooms/" + roomId + "/members/" + admin.id(), owner.token(), obj("role", "admin"));
        JsonNode byOwner = Messages.say(api, owner, roomId, "owner speaks");
        JsonNode byMember = Messages.say(api, member, roomId, "member speaks");
        JsonNode byMember2 = Messages.say(api, member, roomId, "member again");
        assertEquals(403, api.delete(path(roomId, byOwner), member.token()).status());
        assertEquals(204, api.delete(path(roomId, byMember), member.token()).status(), "the author");
        assertEquals(204, api.delete(path(roomId, byOwner), admin.token()).status(), "an admin");
        assertEquals(204, api.delete(path(roomId, byMember2), owner.token()).status(), "an owner");
        for (JsonNode m : Messages.history(api, member, roomId)) assertTrue(m.get("deleted").asBoolean(), m.toString());
    }

    @Test
    void changesReachTheRoomInOrderWithNewMessages() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        try (TestSocket b = TestSocket.connect(server, bob.token())) {
            b.join(roomId);
            JsonNode one = Messages.say(api, alice, roomId, "one");
            edit(alice, roomId, one, "one, edited");
            Messages.say(api, alice, roomId, "two");
            api.delete(path(roomId, one), alice.token());
            List<String> seen = List.of(
                    describe(b.await(f -> f.path("type").asText().matches("new_message|message_updated"))),
                    describe(b.await(f -> f.path("type").asText().matches("new_message|message_updated"))),
                    describe(b.await(f -> f.path("type").asText().matches("new_message|message_updated"))),
                    describe(b.await(f -> f.path("type").asText().matches("new_message|message_updated"))));
            assertEquals(List.of("new_message one", "message_updated one, edited", "new_message two",
                    "message_updated "), seen);
        }
    }

    static String describe(JsonNode frame) {
        return frame.get("type").asText() + " " + frame.at("/message/content").asText();
    }

    @Test
    void theAssistantReadsEditedTextAndNeverDeletedMessages() throws Exception {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        JsonNode typo = Messages.say(api, alice, roomId, "the launch is on Mondya");
        JsonNode secret = Messages.say(api, alice, roomId, "the password is hunter2");
        edit(alice, roomId, typo, "the launch is on Monday");
        api.delete(path(roomId, secret), alice.token());
        int before = openRouter.requests().size();
        openRouter.enqueue(SseScript.answer("Noted."));
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            Messages.say(api, alice, roomId, "@ai when is the launch?");
            a.awaitType("ai_stream_end");
        }
        String prompt = openRouter.request(before).body().get("messages").toString();
        assertTrue(prompt.contains("the launch is on Monday"), prompt);
        assertFalse(prompt.contains("Mondya"), prompt);
        assertFalse(prompt.contains("hunter2"), prompt);
    }
}
