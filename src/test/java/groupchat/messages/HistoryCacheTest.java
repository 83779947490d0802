package groupchat.messages;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.Upload;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The newest history page and the signed-in user are answered from memory (NewestPages,
 * UserCache): every change that shows in them must show at once, read right after it was
 * acknowledged. Each test reads the page first, so that it is cached before the change.
 */
class HistoryCacheTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("ADMIN_USERS", "boss"));
    static final TestServer server = running.server();
    static final Api api = server.api();

    static JsonNode newest(TestUser user, String roomId) {
        var r = api.get("/api/rooms/" + roomId + "/messages", user.token());
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    static JsonNode post(TestUser user, String roomId, String content) {
        var r = api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content));
        assertEquals(201, r.status(), r.toString());
        return r.body();
    }

    static String lastContent(JsonNode page) {
        return page.get(page.size() - 1).get("content").asText();
    }

    @Test
    void aPostedMessageIsOnTheNewestPageAsSoonAsItIsAcknowledged() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        for (int i = 1; i <= 5; i++) {
            assertEquals(i - 1, newest(bob, roomId).size());
            post(alice, roomId, "message " + i);
            assertEquals("message " + i, lastContent(newest(bob, roomId)));
            assertEquals("message " + i, lastContent(newest(alice, roomId)));
        }
        // Another limit reads the database, and is right too.
        var two = api.get("/api/rooms/" + roomId + "/messages?limit=2", bob.token()).body();
        assertEquals("message 4", two.get(0).get("content").asText());
        assertEquals(5, newest(bob, roomId).size());
    }

    @Test
    void aMessageSentOverTheWebSocketIsOnThePageWhenItsEventArrives() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        newest(bob, roomId);
        try (TestSocket socket = TestSocket.connect(server, bob.token())) {
            socket.join(roomId);
            socket.send(obj("type", "send_message", "room_id", roomId, "content", "over the socket"));
            socket.await(f -> f.get("type").asText().equals("new_message"));
            assertEquals("over the socket", lastContent(newest(alice, roomId)));
        }
    }

    @Test
    void aSystemMessageOfTheAssistantIsOnThePage() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        assertEquals(200, api.put("/api/rooms/" + roomId, alice.token(),
                obj("settings", Map.of("ai_mode", "always"))).status());
        try (TestSocket socket = TestSocket.connect(server, alice.token())) {
            socket.join(roomId);
            newest(alice, roomId);
            post(alice, roomId, "anyone there?");
            // AI is off on the test server: the notice is a system message after the trigger.
            socket.await(f -> f.get("type").asText().equals("new_message")
                    && f.get("message").get("kind").asText().equals("system"));
            JsonNode page = newest(alice, roomId);
            assertEquals("system", page.get(page.size() - 1).get("kind").asText());
        }
    }

    @Test
    void editsDeletesAndReactionsShowOnTheCachedPage() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        String id = post(alice, roomId, "frist").get("id").asText();
        String path = "/api/rooms/" + roomId + "/messages/" + id;
        assertEquals("frist", lastContent(newest(bob, roomId)));

        assertEquals(200, api.send("PATCH", path, alice.token(), obj("content", "first"), Map.of()).status());
        JsonNode edited = newest(bob, roomId).get(0);
        assertEquals("first", edited.get("content").asText());
        assertTrue(edited.get("edited_at").isTextual(), edited.toString());

        assertEquals(200, api.put(path + "/reactions/%F0%9F%91%8D", bob.token(), null).status());
        JsonNode reacted = newest(alice, roomId).get(0).get("reactions");
        assertEquals(1, reacted.size(), reacted.toString());
        assertEquals(bob.id(), reacted.get(0).get("user_ids").get(0).asText());
        assertEquals(200, api.delete(path + "/reactions/%F0%9F%91%8D", bob.token()).status());
        assertEquals(0, newest(alice, roomId).get(0).get("reactions").size());

        assertEquals(204, api.delete(path, alice.token()).status());
        JsonNode tombstone = newest(bob, roomId).get(0);
        assertTrue(tombstone.get("deleted").asBoolean(), tombstone.toString());
        assertEquals("", tombstone.get("content").asText());
    }

    @Test
    void aClearedRoomHasAnEmptyPage() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        post(alice, roomId, "soon gone");
        assertEquals(1, newest(alice, roomId).size());
        assertEquals(204, api.post("/api/rooms/" + roomId + "/clear", alice.token(), null).status());
        assertEquals(0, newest(alice, roomId).size());
    }

    @Test
    void aNewDisplayNameOrAvatarShowsOnCachedPagesAndInMe() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        post(alice, roomId, "hello");
        assertEquals(alice.username(), newest(bob, roomId).get(0).get("display_name").asText());
        assertEquals(alice.username(), api.get("/api/auth/me", alice.token()).body().get("display_name").asText());

        assertEquals(200, api.put("/api/auth/profile", alice.token(), obj("display_name", "Alice A.")).status());
        assertEquals("Alice A.", newest(bob, roomId).get(0).get("display_name").asText());
        assertEquals("Alice A.", api.get("/api/auth/me", alice.token()).body().get("display_name").asText());

        var avatar = Upload.png(server, "/api/auth/avatar", alice.token());
        assertEquals(200, avatar.status(), avatar.toString());
        String url = avatar.body().get("avatar_url").asText();
        assertEquals(url, newest(bob, roomId).get(0).get("avatar_url").asText());
        assertEquals(url, api.get("/api/auth/me", alice.token()).body().get("avatar_url").asText());
    }

    @Test
    void membershipChangesApplyToHistoryAtOnce() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        post(alice, roomId, "members only");
        newest(alice, roomId);
        assertEquals(403, api.get("/api/rooms/" + roomId + "/messages", bob.token()).status());
        assertEquals(200, api.post("/api/rooms/" + roomId + "/join", bob.token(), null).status());
        assertEquals("members only", lastContent(newest(bob, roomId)));
        var removed = api.delete("/api/rooms/" + roomId + "/members/" + bob.id(), alice.token());
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(403, api.get("/api/rooms/" + roomId + "/messages", bob.token()).status());

        String privateRoom = Rooms.privateRoom(api, alice);
        newest(alice, privateRoom);
        assertEquals(404, api.get("/api/rooms/" + privateRoom + "/messages", bob.token()).status());
        assertEquals(204, api.delete("/api/rooms/" + privateRoom, alice.token()).status());
        assertEquals(404, api.get("/api/rooms/" + privateRoom + "/messages", alice.token()).status());
    }

    @Test
    void anAdminChangeToAnAccountAppliesToItsNextRequest() {
        TestUser boss = api.register("boss");
        TestUser carol = running.newUser();
        assertEquals(403, api.get("/api/admin/users", carol.token()).status());
        assertEquals(200, api.put("/api/admin/users/" + carol.id(), boss.token(), obj("is_admin", true)).status());
        assertEquals(200, api.get("/api/admin/users", carol.token()).status());
        assertTrue(api.get("/api/auth/me", carol.token()).body().get("is_admin").asBoolean());
        assertEquals(200, api.put("/api/admin/users/" + carol.id(), boss.token(), obj("is_admin", false)).status());
        assertEquals(403, api.get("/api/admin/users", carol.token()).status());

        TestUser dave = running.newUser();
        String roomId = Rooms.publicRoom(api, dave, carol);
        post(dave, roomId, "from dave");
        assertEquals("from dave", lastContent(newest(carol, roomId)));
        assertEquals(204, api.delete("/api/admin/users/" + dave.id(), boss.token()).status());
        assertEquals(401, api.get("/api/auth/me", dave.token()).status());
        JsonNode kept = newest(carol, roomId);
        assertEquals("from dave", lastContent(kept));
        assertTrue(kept.get(kept.size() - 1).get("username").isNull(), kept.toString());
    }
}
