package groupchat.search;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/search through the real server, with the FTS5 index following edits, deletes and clears. */
class SearchTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static Api.Response search(TestUser user, String query) {
        return api.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), user.token());
    }

    /** The contents of the messages found, in the order given. */
    static List<String> found(TestUser user, String query) {
        return contents(search(user, query));
    }

    static List<String> contents(Api.Response r) {
        assertEquals(200, r.status(), r.toString());
        List<String> contents = new ArrayList<>();
        for (JsonNode hit : r.body()) contents.add(hit.get("message").get("content").asText());
        return contents;
    }

    @Test
    void wordsAndPrefixesMatchIgnoringCaseAndAccents() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        Messages.say(api, alice, roomId, "Crème Brûlée for the Zürich offsite");
        Messages.say(api, alice, roomId, "nothing to see here");
        List<String> expected = List.of("Crème Brûlée for the Zürich offsite");
        assertEquals(expected, found(alice, "creme"));
        assertEquals(expected, found(alice, "BRUL"));
        assertEquals(expected, found(alice, "zurich off"));
        assertEquals(expected, found(alice, "Brûlée"));
        assertEquals(List.of(), found(alice, "rulee"), "a prefix of a word, not any substring");
        assertEquals(List.of(), found(alice, "creme lasagna"), "every word must match");
        JsonNode hit = search(alice, "zurich").body().get(0);
        assertTrue(hit.get("snippet").asText().contains("Zürich"), hit.toString());
        assertEquals(roomId, hit.get("message").get("room_id").asText());
    }

    @Test
    void onlyTheCallersRoomsNewestFirstAndNarrowedByRoom() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String shared = Rooms.publicRoom(api, alice, bob);
        String alicesOwn = api.post("/api/rooms", alice.token(), obj("name", "private")).body().get("id").asText();
        Messages.say(api, alice, shared, "quokka one");
        Messages.say(api, bob, shared, "quokka two");
        Messages.say(api, alice, alicesOwn, "quokka three");
        assertEquals(List.of("quokka three", "quokka two", "quokka one"), found(alice, "quokka"));
        assertEquals(List.of("quokka two", "quokka one"), found(bob, "quokka"), "not alice's private room");
        assertEquals(List.of("quokka three"), contents(api.get("/api/search?q=quokka&room_id=" + alicesOwn,
                alice.token())));
        assertEquals(List.of("quokka two"), contents(api.get("/api/search?q=quokka&limit=1", bob.token())));
        assertEquals(404, api.get("/api/search?q=quokka&room_id=" + alicesOwn, bob.token()).status());
        TestUser stranger = running.newUser();
        assertEquals(List.of(), found(stranger, "quokka"), "a public room's messages are for its members");
    }

    @Test
    void theIndexFollowsEditsDeletesAndClears() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        JsonNode m = Messages.say(api, alice, roomId, "meeting about the platypus");
        String path = "/api/rooms/" + roomId + "/messages/" + m.get("id").asText();
        assertEquals(200, api.send("PATCH", path, alice.token(), obj("content", "meeting about the wombat"), null)
                .status());
        assertEquals(List.of(), found(alice, "platypus"), "the old text is gone from the index");
        assertEquals(List.of("meeting about the wombat"), found(alice, "wombat"));
        JsonNode edited = search(alice, "wombat").body().get(0).get("message");
        assertTrue(!edited.get("edited_at").isNull());

        assertEquals(204, api.delete(path, alice.token()).status());
        assertEquals(List.of(), found(alice, "wombat"), "deleted messages are left out");

        Messages.say(api, alice, roomId, "echidna facts");
        assertEquals(1, found(alice, "echidna").size());
        assertEquals(204, api.post("/api/rooms/" + roomId + "/clear", alice.token(), null).status());
        assertEquals(List.of(), found(alice, "echidna"), "a cleared room has nothing to find");
        Messages.say(api, alice, roomId, "echidna again");
        assertEquals(List.of("echidna again"), found(alice, "echidna"));
        assertEquals(204, api.delete("/api/rooms/" + roomId, alice.token()).status());
        assertEquals(List.of(), found(alice, "echidna"));
    }

    /**
     * Messages reach the index in batches (SearchIndex): an edit or deletion may come before or after
     * its message was indexed, and both must leave the index true to the messages.
     */
    @Test
    void editsAndDeletesBeforeAndAfterIndexingKeepTheIndexWhole() throws Exception {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        String base = "/api/rooms/" + roomId + "/messages/";
        JsonNode indexed = Messages.say(api, alice, roomId, "narwhal indexed first");
        assertEquals(1, found(alice, "narwhal").size(), "a search indexes what was stored before it");
        for (int round = 0; round < 5; round++) {
            JsonNode fresh = Messages.say(api, alice, roomId, "dugong " + round);
            JsonNode gone = Messages.say(api, alice, roomId, "manatee " + round);
            assertEquals(200, api.send("PATCH", base + fresh.get("id").asText(), alice.token(),
                    obj("content", "sirenian " + round), null).status());
            assertEquals(204, api.delete(base + gone.get("id").asText(), alice.token()).status());
        }
        assertEquals(200, api.send("PATCH", base + indexed.get("id").asText(), alice.token(),
                obj("content", "beluga indexed first"), null).status());
        assertEquals(List.of(), found(alice, "narwhal"));
        assertEquals(List.of("beluga indexed first"), found(alice, "beluga"));
        assertEquals(List.of(), found(alice, "dugong"));
        assertEquals(List.of(), found(alice, "manatee"));
        assertEquals(5, found(alice, "sirenian").size());
        assertEquals(204, api.post("/api/rooms/" + roomId + "/clear", alice.token(), null).status());
        assertEquals(List.of(), found(alice, "sirenian"));
        if (server.postgres() != null) return;
        try (Connection db = server.connectDatabase(); Statement check = db.createStatement()) {
            // FTS5 compares its index with the messages table and fails on any difference.
            check.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
        }
    }

    @Test
    void badQueriesAre400AndQuerySyntaxIsJustText() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        Messages.say(api, alice, roomId, "NOT a \"quoted\" OR (bracketed) near* thing");
        assertEquals(400, search(alice, "").status());
        assertEquals(400, search(alice, "   ").status());
        assertEquals(400, api.get("/api/search", alice.token()).status());
        for (String limit : List.of("0", "101", "ten", "-1")) {
            Api.Response r = api.get("/api/search?q=thing&limit=" + limit, alice.token());
            assertEquals(400, r.status(), limit);
            assertEquals("invalid_request", r.body().get("code").asText());
        }
        assertEquals(1, found(alice, "NOT").size(), "operators are words like any other");
        assertEquals(1, found(alice, "\"quoted\" OR (bracketed").size());
        assertEquals(1, found(alice, "near* NEAR(").size());
        assertEquals(List.of(), found(alice, "!!! ???"), "no words, nothing found");
        assertEquals(401, api.get("/api/search?q=thing", null).status());
    }
}
