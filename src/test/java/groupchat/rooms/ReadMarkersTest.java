package groupchat.rooms;

import static groupchat.testsupport.Api.obj;
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
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read markers and unread counts kept on the server, through the real server. */
class ReadMarkersTest {
    @RegisterExtension
    static final ServerExtension running = ServerExtension.withFakeOpenRouter();
    static final FakeOpenRouter openRouter = running.openRouter();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static Api.Response markRead(TestUser user, String roomId, JsonNode message) {
        return api.post("/api/rooms/" + roomId + "/read", user.token(), obj("message_id", message.get("id").asText()));
    }

    @Test
    void aNewMemberStartsWithEverythingRead() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        Messages.say(api, alice, roomId, "before you came");
        JsonNode last = Messages.say(api, alice, roomId, "still before");
        TestUser bob = running.newUser();
        api.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        JsonNode room = Rooms.listed(api, bob, roomId);
        assertEquals(0, room.get("unread_count").asInt());
        assertEquals(last.get("id"), room.get("last_read_message_id"));
        assertEquals(0, Rooms.seenBy(api, bob, roomId).get("unread_count").asInt());
    }

    @Test
    void othersMessagesAfterTheMarkerAreUnreadAndTheMarkerOnlyMovesForward() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode one = Messages.say(api, alice, roomId, "one");
        JsonNode two = Messages.say(api, alice, roomId, "two");
        Messages.say(api, bob, roomId, "my own message is never unread to me");
        JsonNode three = Messages.say(api, alice, roomId, "three");
        assertEquals(3, Rooms.listed(api, bob, roomId).get("unread_count").asInt());
        assertEquals(1, Rooms.listed(api, alice, roomId).get("unread_count").asInt());

        assertEquals(204, markRead(bob, roomId, two).status());
        JsonNode room = Rooms.seenBy(api, bob, roomId);
        assertEquals(two.get("id"), room.get("last_read_message_id"));
        assertEquals(1, room.get("unread_count").asInt());

        assertEquals(204, markRead(bob, roomId, one).status(), "moving back is accepted and ignored");
        assertEquals(two.get("id"), Rooms.listed(api, bob, roomId).get("last_read_message_id"));

        api.delete("/api/rooms/" + roomId + "/messages/" + three.get("id").asText(), alice.token());
        assertEquals(0, Rooms.listed(api, bob, roomId).get("unread_count").asInt(), "a deleted message is not unread");
        assertEquals(204, markRead(bob, roomId, three).status(), "a tombstone can be read past");
        assertEquals(three.get("id"), Rooms.listed(api, bob, roomId).get("last_read_message_id"));
    }

    @Test
    void aiAnswersCountAsUnread() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        openRouter.enqueue(SseScript.answer("Here I am."));
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            JsonNode question = Messages.say(api, alice, roomId, "@ai are you there?");
            a.awaitType("ai_stream_end");
            markRead(alice, roomId, question);
        }
        assertEquals(1, Rooms.listed(api, alice, roomId).get("unread_count").asInt(), "the AI's answer");
        assertEquals(2, Rooms.listed(api, bob, roomId).get("unread_count").asInt());
    }

    @Test
    void movingTheMarkerTellsTheReadersOwnConnectionsOnly() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        JsonNode m = Messages.say(api, alice, roomId, "read me");
        try (TestSocket phone = TestSocket.connect(server, bob.token());
             TestSocket laptop = TestSocket.connect(server, bob.token()).ready();
             TestSocket other = TestSocket.connect(server, alice.token())) {
            phone.join(roomId);
            other.join(roomId);
            assertEquals(204, markRead(bob, roomId, m).status());
            for (TestSocket own : new TestSocket[] {phone, laptop}) {
                JsonNode marker = own.awaitType("read_marker");
                assertEquals(roomId, marker.get("room_id").asText());
                assertEquals(m.get("id"), marker.get("message_id"));
            }
            markRead(bob, roomId, m);
            phone.assertNone(f -> "read_marker".equals(f.path("type").asText()), Duration.ofMillis(300));
            other.assertNone(f -> "read_marker".equals(f.path("type").asText()), Duration.ofMillis(300));
        }
    }

    @Test
    void markersNeedAMemberAndAMessageOfTheRoom() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        JsonNode m = Messages.say(api, alice, roomId, "hello");
        String otherRoom = Rooms.publicRoom(api, alice);
        JsonNode elsewhere = Messages.say(api, alice, otherRoom, "elsewhere");
        assertEquals(400, api.post("/api/rooms/" + roomId + "/read", alice.token(), obj()).status());
        assertEquals(400, api.post("/api/rooms/" + roomId + "/read", alice.token(), obj("message_id", 7)).status());
        assertEquals(400, markRead(alice, roomId, elsewhere).status());
        TestUser stranger = running.newUser();
        assertEquals(403, markRead(stranger, roomId, m).status(), "public room, not a member");
        String privateRoom = api.post("/api/rooms", alice.token(), obj("name", "secret")).body().get("id").asText();
        assertEquals(404, markRead(stranger, privateRoom, m).status());
        JsonNode publicListing = null;
        for (JsonNode room : api.get("/api/rooms?public=true", stranger.token()).body()) {
            if (room.get("id").asText().equals(roomId)) publicListing = room;
        }
        assertTrue(publicListing != null && publicListing.get("last_read_message_id").isNull());
        assertEquals(0, publicListing.get("unread_count").asInt(), "no marker for a non-member");
    }

    @Test
    void clearingARoomLeavesNothingUnread() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        Messages.say(api, alice, roomId, "soon gone");
        assertEquals(1, Rooms.listed(api, bob, roomId).get("unread_count").asInt());
        api.post("/api/rooms/" + roomId + "/clear", alice.token(), null);
        JsonNode room = Rooms.listed(api, bob, roomId);
        assertEquals(0, room.get("unread_count").asInt());
        assertTrue(room.get("last_read_message_id").isNull());
        Messages.say(api, alice, roomId, "fresh");
        assertEquals(1, Rooms.listed(api, bob, roomId).get("unread_count").asInt());
    }
}
