package groupchat.admin;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server admins through the real server: who is one, and what the admin routes do. */
class AdminTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();
    /** The first account of the (empty) test server: its admin. */
    static final TestUser root = running.newUser();

    static Response login(String username, String password) {
        return api.post("/api/auth/login", null, obj("username", username, "password", password));
    }

    static List<String> usernames(Response list) {
        List<String> names = new ArrayList<>();
        list.body().forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    @Test
    void theFirstAccountIsAdminAndLaterOnesAreNot() {
        JsonNode me = api.get("/api/auth/me", root.token()).body();
        assertTrue(me.get("is_admin").asBoolean(), me.toString());
        TestUser later = running.newUser();
        assertFalse(api.get("/api/auth/me", later.token()).body().get("is_admin").asBoolean());
        // is_admin is part of the User object everywhere, members included.
        String roomId = Rooms.create(api, root, "members", true);
        api.post("/api/rooms/" + roomId + "/join", later.token(), null);
        for (JsonNode member : api.get("/api/rooms/" + roomId, later.token()).body().get("members")) {
            boolean isRoot = member.get("user").get("id").asText().equals(root.id());
            assertEquals(isRoot, member.get("user").get("is_admin").asBoolean());
        }
    }

    @Test
    void everyAdminRouteRefusesOthersWith403BeforeLookingAtTheTarget() {
        TestUser plain = running.newUser();
        String unknown = "00000000-0000-0000-0000-000000000000";
        List<Response> answers = List.of(
                api.get("/api/admin/users", plain.token()),
                api.post("/api/admin/users", plain.token(), obj("username", "sneaky", "password", "password123")),
                api.put("/api/admin/users/" + unknown, plain.token(), obj("is_admin", true)),
                api.put("/api/admin/users/" + plain.id(), plain.token(), obj("is_admin", true)),
                api.delete("/api/admin/users/" + unknown, plain.token()),
                api.get("/api/admin/rooms", plain.token()),
                api.delete("/api/admin/rooms/" + unknown, plain.token()),
                api.get("/api/admin/usage?month=nonsense", plain.token()));
        for (Response r : answers) {
            assertEquals(403, r.status(), r.toString());
            assertEquals("forbidden", r.body().get("code").asText());
        }
        assertFalse(api.get("/api/auth/me", plain.token()).body().get("is_admin").asBoolean());
        assertEquals(401, api.get("/api/admin/users", null).status());
    }

    @Test
    void unknownTargetsAre404AndBadInput400() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertEquals(404, api.put("/api/admin/users/" + unknown, root.token(), obj("disabled", true)).status());
        assertEquals(404, api.delete("/api/admin/users/" + unknown, root.token()).status());
        assertEquals(404, api.delete("/api/admin/rooms/" + unknown, root.token()).status());
        for (String query : List.of("limit=0", "limit=201", "limit=ten", "offset=-1")) {
            Response r = api.get("/api/admin/users?" + query, root.token());
            assertEquals(400, r.status(), query);
            assertEquals("invalid_request", r.body().get("code").asText());
            assertEquals(400, api.get("/api/admin/rooms?" + query, root.token()).status(), query);
        }
        for (String month : List.of("2026-13", "2026-1", "november", "2026-11-01")) {
            assertEquals(400, api.get("/api/admin/usage?month=" + month, root.token()).status(), month);
        }
        TestUser someone = running.newUser();
        assertEquals(400, api.put("/api/admin/users/" + someone.id(), root.token(), obj("disabled", "yes")).status());
        assertEquals(400, api.put("/api/admin/users/" + someone.id(), root.token(), obj("password", "short")).status());
        assertEquals(400, api.post("/api/admin/users", root.token(), obj("username", "x", "password", "password123"))
                .status());
        assertEquals(409, api.post("/api/admin/users", root.token(), obj("username", someone.username(),
                "password", "password123")).status());
    }

    @Test
    void adminsListAndSearchAccounts() {
        TestUser zed = api.register("zed_search");
        api.put("/api/auth/profile", zed.token(), obj("display_name", "Zorro Searchable"));
        Response byName = api.get("/api/admin/users?q=SEARCHABLE", root.token());
        assertEquals(200, byName.status(), byName.toString());
        assertEquals(List.of("zed_search"), usernames(byName));
        JsonNode row = byName.body().get(0);
        assertFalse(row.get("disabled").asBoolean());
        assertTrue(row.get("last_seen_at").asText().matches("\\d{4}-.*Z"), "signing up counts as being seen");
        assertTrue(row.has("is_admin"));
        assertEquals(List.of("zed_search"), usernames(api.get("/api/admin/users?q=zed_", root.token())));

        Response page = api.get("/api/admin/users?limit=1&offset=1", root.token());
        assertEquals(1, page.body().size());
        List<String> all = usernames(api.get("/api/admin/users?limit=200", root.token()));
        assertEquals(all.get(1), page.body().get(0).get("username").asText());
    }

    @Test
    void adminsCreateAccountsAndMakeAdmins() {
        Response created = api.post("/api/admin/users", root.token(),
                obj("username", "made_by_admin", "password", "password123", "display_name", "Made", "is_admin", true));
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.body().get("is_admin").asBoolean());
        assertEquals("Made", created.body().get("display_name").asText());
        assertEquals(200, login("made_by_admin", "password123").status());

        TestUser promoted = running.newUser();
        Response up = api.put("/api/admin/users/" + promoted.id(), root.token(), obj("is_admin", true));
        assertEquals(200, up.status());
        assertTrue(up.body().get("is_admin").asBoolean());
        assertEquals(200, api.get("/api/admin/users", promoted.token()).status());
        Response down = api.put("/api/admin/users/" + promoted.id(), root.token(), obj("is_admin", false));
        assertFalse(down.body().get("is_admin").asBoolean());
        assertEquals(403, api.get("/api/admin/users", promoted.token()).status());
    }

    @Test
    void disablingEndsEverySessionAtOnceAndRefusesLogin() throws Exception {
        TestUser gus = running.newUser();
        String roomId = Rooms.create(api, gus, "gus room", false);
        try (TestSocket socket = TestSocket.connect(server, gus.token())) {
            socket.join(roomId);
            Response r = api.put("/api/admin/users/" + gus.id(), root.token(), obj("disabled", true));
            assertEquals(200, r.status(), r.toString());
            assertTrue(r.body().get("disabled").asBoolean());
            assertTrue(socket.closed().get(10, TimeUnit.SECONDS).startsWith("4001"));
        }
        assertEquals(401, api.get("/api/auth/me", gus.token()).status());
        Response refused = login(gus.username(), "password123");
        assertEquals(403, refused.status());
        assertEquals("forbidden", refused.body().get("code").asText());
        assertEquals(401, login(gus.username(), "wrong-password").status(), "the state is told only to the owner");

        Response enabled = api.put("/api/admin/users/" + gus.id(), root.token(), obj("disabled", false));
        assertFalse(enabled.body().get("disabled").asBoolean());
        assertEquals(401, api.get("/api/auth/me", gus.token()).status(), "old tokens stay revoked");
        String fresh = login(gus.username(), "password123").body().get("token").asText();
        assertEquals(200, api.get("/api/rooms/" + roomId, fresh).status());
    }

    @Test
    void resettingAPasswordEndsTheSessions() {
        TestUser hal = running.newUser();
        Response r = api.put("/api/admin/users/" + hal.id(), root.token(), obj("password", "reset-by-admin"));
        assertEquals(200, r.status(), r.toString());
        assertEquals(401, api.get("/api/auth/me", hal.token()).status());
        assertEquals(401, login(hal.username(), "password123").status());
        assertEquals(200, login(hal.username(), "reset-by-admin").status());
    }

    @Test
    void adminsCannotLockThemselvesOut() {
        for (var change : List.of(obj("disabled", true), obj("is_admin", false))) {
            Response r = api.put("/api/admin/users/" + root.id(), root.token(), change);
            assertEquals(409, r.status(), r.toString());
        }
        assertEquals(409, api.delete("/api/admin/users/" + root.id(), root.token()).status());
        assertTrue(api.get("/api/auth/me", root.token()).body().get("is_admin").asBoolean());
    }

    @Test
    void deletingAnAccountHandsItsRoomsOverAndAnnouncesItsDeparture() throws Exception {
        TestUser ivy = running.newUser();
        TestUser jon = running.newUser();
        String roomId = Rooms.create(api, ivy, "ivy room", true);
        api.post("/api/rooms/" + roomId + "/join", jon.token(), null);
        api.post("/api/rooms/" + roomId + "/messages", ivy.token(), obj("content", "before I go"));
        try (TestSocket watcher = TestSocket.connect(server, jon.token())) {
            watcher.join(roomId);
            assertEquals(204, api.delete("/api/admin/users/" + ivy.id(), root.token()).status());
            JsonNode left = watcher.awaitType("member_left");
            assertEquals(ivy.id(), left.get("user_id").asText());
        }
        assertEquals(401, api.get("/api/auth/me", ivy.token()).status());
        assertEquals(401, login(ivy.username(), "password123").status());
        JsonNode room = api.get("/api/rooms/" + roomId, jon.token()).body();
        assertEquals("owner", room.get("my_role").asText());
        assertEquals(1, room.get("members").size());
        JsonNode messages = api.get("/api/rooms/" + roomId + "/messages", jon.token()).body();
        assertEquals("before I go", messages.get(0).get("content").asText());
        assertTrue(usernames(api.get("/api/admin/users?q=" + ivy.username(), root.token())).stream()
                .noneMatch(ivy.username()::equals));
    }

    @Test
    void adminsSeeEveryRoomWithItsMessageCountAndDeleteAny() throws Exception {
        TestUser kim = running.newUser();
        String secret = Rooms.create(api, kim, "Kim's Secret Room", false);
        for (int i = 0; i < 3; i++) {
            api.post("/api/rooms/" + secret + "/messages", kim.token(), obj("content", "message " + i));
        }
        Response list = api.get("/api/admin/rooms?q=secret", root.token());
        assertEquals(200, list.status(), list.toString());
        assertEquals(1, list.body().size());
        JsonNode row = list.body().get(0);
        assertEquals(secret, row.get("id").asText());
        assertEquals(3, row.get("message_count").asInt());
        assertFalse(row.get("is_public").asBoolean());
        assertEquals(1, row.get("member_count").asInt());
        assertTrue(row.get("my_role").isNull());
        assertTrue(row.has("settings"));

        try (TestSocket socket = TestSocket.connect(server, kim.token())) {
            socket.join(secret);
            assertEquals(204, api.delete("/api/admin/rooms/" + secret, root.token()).status());
            assertEquals(secret, socket.awaitType("room_deleted").get("room_id").asText());
        }
        assertEquals(404, api.get("/api/rooms/" + secret, kim.token()).status());
        assertEquals(0, api.get("/api/admin/rooms?q=secret", root.token()).body().size());
        assertEquals(404, api.delete("/api/admin/rooms/" + secret, root.token()).status());
    }

    @Test
    void accountsNamedInAdminUsersAreAdminsAndOnlyTheConfigurationDemotesThem() {
        try (TestServer own = TestServer.start(java.util.Map.of("ADMIN_USERS", " Carol , dave"))) {
            TestUser first = own.api().register("first");
            TestUser carol = own.api().register("carol");
            TestUser erin = own.api().register("erin");
            assertTrue(own.api().get("/api/auth/me", carol.token()).body().get("is_admin").asBoolean());
            assertFalse(own.api().get("/api/auth/me", erin.token()).body().get("is_admin").asBoolean());
            Response demote = own.api().put("/api/admin/users/" + carol.id(), first.token(), obj("is_admin", false));
            assertEquals(409, demote.status(), demote.toString());

            // An account that exists before its name is added becomes admin at the next start.
            try (TestServer restarted = own.restart(java.util.Map.of("ADMIN_USERS", "carol,ERIN"))) {
                assertTrue(restarted.api().get("/api/auth/me", erin.token()).body().get("is_admin").asBoolean());
                assertTrue(restarted.api().get("/api/auth/me", first.token()).body().get("is_admin").asBoolean());
            }
        }
    }
}
