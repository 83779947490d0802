package groupchat.rooms;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Messages;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /api/dms and the rules of direct rooms, through the real server. */
class DirectMessagesTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static Api.Response dm(TestUser from, TestUser to) {
        return api.post("/api/dms", from.token(), obj("user_id", to.id()));
    }

    @Test
    void thePairGetsOnePrivateDirectRoomWhoeverAsks() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        Api.Response created = dm(alice, bob);
        assertEquals(201, created.status(), created.toString());
        JsonNode room = created.body();
        assertEquals("direct", room.get("kind").asText());
        assertFalse(room.get("is_public").asBoolean());
        assertEquals(2, room.get("member_count").asInt());
        assertEquals("owner", room.get("my_role").asText());

        Api.Response again = dm(alice, bob);
        assertEquals(200, again.status());
        assertEquals(room.get("id"), again.body().get("id"));
        Api.Response fromBob = dm(bob, alice);
        assertEquals(200, fromBob.status());
        assertEquals(room.get("id"), fromBob.body().get("id"));

        String roomId = room.get("id").asText();
        Messages.say(api, bob, roomId, "hi alice");
        assertEquals(1, Rooms.listed(api, alice, roomId).get("unread_count").asInt());
        assertEquals("direct", Rooms.listed(api, bob, roomId).get("kind").asText());
        assertEquals("group", Rooms.seenBy(api, alice, Rooms.publicRoom(api, alice)).get("kind").asText());
        TestUser carol = running.newUser();
        assertEquals(404, api.get("/api/rooms/" + roomId, carol.token()).status(), "nobody else sees it");
    }

    @Test
    void theOtherUserHearsOfTheNewRoom() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        try (TestSocket b = TestSocket.connect(server, bob.token()).ready()) {
            String roomId = dm(alice, bob).body().get("id").asText();
            JsonNode added = b.awaitType("room_added");
            assertEquals(roomId, added.get("room_id").asText());
            assertEquals("direct", added.at("/room/kind").asText());
            assertEquals("owner", added.at("/room/my_role").asText());
            b.join(roomId);
        }
    }

    @Test
    void badRequestsForADirectRoom() {
        TestUser alice = running.newUser();
        assertEquals(400, api.post("/api/dms", alice.token(), obj("user_id", alice.id())).status(), "with oneself");
        assertEquals(400, api.post("/api/dms", alice.token(), obj()).status());
        assertEquals(400, api.post("/api/dms", alice.token(), obj("user_id", 42)).status());
        assertEquals(404, api.post("/api/dms", alice.token(),
                obj("user_id", "00000000-0000-0000-0000-000000000000")).status());
        assertEquals(401, api.post("/api/dms", null, obj("user_id", alice.id())).status());
    }

    @Test
    void nobodyElseGetsInAndItNeverGoesPublic() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        TestUser carol = running.newUser();
        String roomId = dm(alice, bob).body().get("id").asText();
        String base = "/api/rooms/" + roomId;
        assertEquals(409, api.post(base + "/join", carol.token(), null).status());
        assertEquals(409, api.put(base, alice.token(), obj("is_public", true)).status());
        assertEquals(200, api.put(base, alice.token(), obj("settings", obj("ai_mode", "always"))).status(),
                "either may change the AI settings");
        assertEquals(409, api.post("/api/invites", alice.token(), obj("room_id", roomId)).status());
        assertEquals(409, api.put(base + "/members/" + bob.id(), alice.token(), obj("role", "member")).status());
        assertEquals(409, api.delete(base + "/members/" + bob.id(), alice.token()).status(), "no removing the other");
        assertEquals(2, Rooms.seenBy(api, alice, roomId).get("member_count").asInt());
    }

    @Test
    void eachDeletesOnlyTheirOwnMessages() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = dm(alice, bob).body().get("id").asText();
        String bobs = "/api/rooms/" + roomId + "/messages/" + Messages.say(api, bob, roomId, "mine").get("id").asText();
        assertEquals(403, api.delete(bobs, alice.token()).status(), "owners both, but not of each other's words");
        assertEquals(204, api.delete(bobs, bob.token()).status());
    }

    @Test
    void eitherMayLeaveAndAskingAgainBringsThemBack() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = dm(alice, bob).body().get("id").asText();
        Messages.say(api, alice, roomId, "before you left");
        assertEquals(204, api.delete("/api/rooms/" + roomId + "/members/" + bob.id(), bob.token()).status());
        assertEquals(204, api.delete("/api/rooms/" + roomId + "/members/" + alice.id(), alice.token()).status(),
                "the last member may leave too");
        try (TestSocket b = TestSocket.connect(server, bob.token())) {
            b.send(obj("type", "join_room", "room_id", roomId));
            assertEquals("not_found", b.awaitType("error").get("code").asText(), "gone means gone");
            Api.Response back = dm(bob, alice);
            assertEquals(200, back.status());
            assertEquals(roomId, back.body().get("id").asText());
            assertEquals(2, back.body().get("member_count").asInt());
            b.join(roomId);
            Messages.say(api, alice, roomId, "welcome back");
            assertEquals("welcome back", b.awaitType("new_message").at("/message/content").asText());
        }
        assertEquals("before you left", Messages.history(api, bob, roomId).get(0).get("content").asText());
    }
}
