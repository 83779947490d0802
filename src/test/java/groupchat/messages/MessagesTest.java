package groupchat.messages;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessagesTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static TestUser user() {
        return running.newUser();
    }

    static JsonNode post(TestUser user, String roomId, Object body) {
        var r = api.post("/api/rooms/" + roomId + "/messages", user.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.body();
    }

    @Test
    void postedMessageHasTheContractShape() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        JsonNode m = post(alice, roomId, obj("content", "  hello world  "));
        assertEquals("hello world", m.get("content").asText());
        assertEquals("user", m.get("kind").asText());
        assertEquals(roomId, m.get("room_id").asText());
        assertEquals(alice.id(), m.get("user_id").asText());
        assertEquals(alice.username(), m.get("username").asText());
        assertEquals(alice.username(), m.get("display_name").asText());
        assertTrue(m.get("image_url").isNull());
        assertTrue(m.get("reply_to").isNull());
        assertTrue(m.get("ai").isNull());
        assertTrue(m.get("avatar_url").isNull());
        assertTrue(m.get("hash").asText().matches("[0-9a-f]{64}"));
        JsonNode listed = api.get("/api/rooms/" + roomId + "/messages", alice.token()).body();
        assertEquals(m, listed.get(listed.size() - 1));
    }

    /** Time-ordered ids (MessageIds): each new one lands at the end of the id index. */
    @Test
    void idsAreUuidsOfVersion7InTheOrderPosted() throws Exception {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(post(alice, roomId, obj("content", "message " + i)).get("id").asText());
            Thread.sleep(2); // ids within one millisecond are only unique, not ordered
        }
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertEquals(id, uuid.toString());
            assertEquals(7, uuid.version());
            assertEquals(2, uuid.variant());
        }
        assertEquals(ids.stream().sorted().toList(), ids);
        assertEquals(3, ids.stream().distinct().count());
    }

    @Test
    void hashIsWhatAnyoneCanRecompute() throws Exception {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        String content = "quote \" backslash \\ slash / newline \n tab \t return \r backspace \b form feed \f"
                + " bell \u0007 \u2028 é 😀";
        JsonNode m = post(alice, roomId, obj("content", content));
        // JSON.stringify of the array, written out by hand.
        String expectedJson = "[\"" + roomId + "\",\"" + alice.id() + "\",\"user\","
                + "\"quote \\\" backslash \\\\ slash / newline \\n tab \\t return \\r backspace \\b form feed \\f"
                + " bell \\u0007 \u2028 é 😀\","
                + "\"\",\"" + m.get("created_at").asText() + "\"]";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(expectedJson.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, m.get("hash").asText());
    }

    @Test
    void contentRulesAreEnforced() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        String path = "/api/rooms/" + roomId + "/messages";
        assertEquals(400, api.post(path, alice.token(), obj("content", "   ")).status());
        assertEquals(400, api.post(path, alice.token(), obj()).status());
        assertEquals(400, api.post(path, alice.token(), obj("content", "x".repeat(16001))).status());
        assertEquals(201, api.post(path, alice.token(), obj("content", "😀".repeat(16000))).status());
        assertEquals(400, api.post(path, alice.token(), obj("content", 42)).status());
        assertEquals(400, api.post(path, alice.token(), obj("content", "hi", "image_url", "/etc/passwd")).status());
        assertEquals(400, api.post(path, alice.token(),
                obj("content", "hi", "image_url", "/uploads/chat-images/never-issued.png")).status());
        assertEquals(400, api.post(path, alice.token(), obj("content", "hi", "reply_to", "nope")).status());
        assertEquals(400, api.post(path, alice.token(), "{\"content\":\"bad \\ud800 surrogate\"}").status());
        JsonNode first = post(alice, roomId, obj("content", "first"));
        JsonNode reply = post(alice, roomId, obj("content", "reply", "reply_to", first.get("id").asText()));
        assertEquals(first.get("id").asText(), reply.get("reply_to").asText());
    }

    @Test
    void repeatedClientMsgIdReturnsTheFirstMessage() {
        TestUser alice = user();
        TestUser bob = user();
        String roomId = Rooms.publicRoom(api, alice);
        api.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        JsonNode first = post(alice, roomId, obj("content", "once", "client_msg_id", "c-1"));
        var again = api.post("/api/rooms/" + roomId + "/messages", alice.token(),
                obj("content", "once (retry)", "client_msg_id", "c-1"));
        assertEquals(200, again.status());
        assertEquals(first, again.body());
        // The same id from another user is another message.
        JsonNode bobs = post(bob, roomId, obj("content", "mine", "client_msg_id", "c-1"));
        assertNotEquals(first.get("id"), bobs.get("id"));
        assertEquals(2, api.get("/api/rooms/" + roomId + "/messages", alice.token()).body().size());
    }

    @Test
    void pagingWalksEveryMessageOnceInOrder() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) ids.add(post(alice, roomId, obj("content", "m" + i)).get("id").asText());
        String path = "/api/rooms/" + roomId + "/messages";

        JsonNode newest = api.get(path, alice.token()).body();
        assertEquals(50, newest.size());
        assertEquals(ids.subList(450, 500), idsOf(newest));

        // Backwards with before= from the newest page, in windows of 70.
        List<String> seen = new ArrayList<>(idsOf(newest));
        String oldest = newest.get(0).get("id").asText();
        while (true) {
            JsonNode page = api.get(path + "?limit=70&before=" + oldest, alice.token()).body();
            if (page.size() == 0) break;
            seen.addAll(0, idsOf(page));
            oldest = page.get(0).get("id").asText();
        }
        assertEquals(ids, seen);

        // Forwards with after= from the first message, in windows of 200.
        List<String> forward = new ArrayList<>(List.of(ids.get(0)));
        String last = ids.get(0);
        while (true) {
            JsonNode page = api.get(path + "?limit=200&after=" + last, alice.token()).body();
            if (page.size() == 0) break;
            forward.addAll(idsOf(page));
            last = page.get(page.size() - 1).get("id").asText();
        }
        assertEquals(ids, forward);
    }

    @Test
    void pagingParametersAreChecked() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        String otherRoom = Rooms.publicRoom(api, alice);
        String foreign = post(alice, otherRoom, obj("content", "elsewhere")).get("id").asText();
        String path = "/api/rooms/" + roomId + "/messages";
        assertEquals(400, api.get(path + "?limit=0", alice.token()).status());
        assertEquals(400, api.get(path + "?limit=201", alice.token()).status());
        assertEquals(400, api.get(path + "?limit=ten", alice.token()).status());
        assertEquals(200, api.get(path + "?limit=200", alice.token()).status());
        assertEquals(400, api.get(path + "?before=unknown", alice.token()).status());
        assertEquals(400, api.get(path + "?after=" + foreign, alice.token()).status());
    }

    @Test
    void messageByHashIsForMembersOnly() {
        TestUser alice = user();
        TestUser eve = user();
        String roomId = Rooms.privateRoom(api, alice);
        JsonNode m = post(alice, roomId, obj("content", "find me"));
        var found = api.get("/api/messages/hash/" + m.get("hash").asText(), alice.token());
        assertEquals(200, found.status());
        assertEquals(m, found.body());
        assertEquals(404, api.get("/api/messages/hash/" + m.get("hash").asText(), eve.token()).status());
        assertEquals(404, api.get("/api/messages/hash/nothex", alice.token()).status());
    }

    @Test
    void aPostToARoomDeletedBehindTheMembershipCacheIsRefusedAsNotFound() throws Exception {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        // The first post leaves Alice's membership in the server's cache.
        post(alice, roomId, obj("content", "first"));
        // Deleted behind the cache, like a deletion that commits between a post's cache read and its
        // write: the cache still says member, and only the insert's foreign key finds the room gone.
        try (var c = server.connectDatabase(); var s = c.prepareStatement("DELETE FROM rooms WHERE id = ?")) {
            s.setString(1, roomId);
            assertEquals(1, s.executeUpdate());
        }
        var refused = api.post("/api/rooms/" + roomId + "/messages", alice.token(), obj("content", "second"));
        assertEquals(404, refused.status(), refused.toString());
    }

    static List<String> idsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }
}
