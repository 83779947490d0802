package groupchat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.App;
import groupchat.config.ConfigLoader;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.TestServer;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/rooms?public=true: pages, most members first, name filter, and the stored member count. */
class PublicRoomsTest {
    private static List<String> names(Api api, String token, String query) {
        Api.Response r = api.get("/api/rooms?public=true" + query, token);
        assertEquals(200, r.status(), r.toString());
        List<String> names = new ArrayList<>();
        for (JsonNode room : r.body()) names.add(room.get("name").asText());
        return names;
    }

    private static String room(Api api, TestUser owner, String name, boolean isPublic, TestUser... members) {
        String id = Rooms.create(api, owner, name, isPublic);
        for (TestUser m : members) {
            if (isPublic) assertEquals(200, api.post("/api/rooms/" + id + "/join", m.token(), null).status());
            else Rooms.accept(api, Rooms.invite(api, owner.token(), id), m.token());
        }
        return id;
    }

    @Test
    void mostMembersFirstThenNewestPagedAndFiltered() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser a = api.register("alice");
            TestUser b = api.register("bob");
            TestUser c = api.register("carol");
            room(api, a, "Quiet Corner", true);
            String busy = room(api, a, "Alpha Busy", true, b, c);
            room(api, a, "alpha pair", true, b);
            room(api, a, "Newer Pair", true, c);
            room(api, a, "Secret ALPHA", false, b, c);

            assertEquals(List.of("Alpha Busy", "Newer Pair", "alpha pair", "Quiet Corner"), names(api, a.token(), ""));
            assertEquals(List.of("Alpha Busy", "Newer Pair"), names(api, a.token(), "&limit=2"));
            assertEquals(List.of("alpha pair", "Quiet Corner"), names(api, a.token(), "&limit=2&offset=2"));
            assertEquals(List.of(), names(api, a.token(), "&offset=10000"));
            assertEquals(List.of("Alpha Busy", "alpha pair"), names(api, a.token(), "&q=ALPHA"));
            assertEquals(List.of("alpha pair"), names(api, a.token(), "&q=Pha%20p"));
            assertEquals(List.of(), names(api, a.token(), "&q=%25"));

            // The count follows leaves: the busy room drops to two members and, being oldest, to last of those.
            assertEquals(204, api.delete("/api/rooms/" + busy + "/members/" + c.id(), c.token()).status());
            assertEquals(List.of("Newer Pair", "alpha pair", "Alpha Busy", "Quiet Corner"), names(api, a.token(), ""));
            JsonNode first = api.get("/api/rooms?public=true&limit=1", a.token()).body().get(0);
            assertEquals(2, first.get("member_count").asInt());
            assertEquals(2, api.get("/api/rooms/" + busy, a.token()).body().get("member_count").asInt());
        }
    }

    @Test
    void outOfRangeParametersAre400() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser a = api.register("alice");
            for (String query : new String[] {"limit=0", "limit=201", "limit=ten", "offset=-1", "offset=10001",
                    "offset=1.5", "q=" + "x".repeat(101)}) {
                Api.Response r = api.get("/api/rooms?public=true&" + query, a.token());
                assertEquals(400, r.status(), query + ": " + r);
                assertEquals("invalid_request", r.body().get("code").asText());
                String parameter = query.substring(0, query.indexOf('='));
                assertTrue(r.body().get("error").asText().contains("'" + parameter + "'"), r.toString());
            }
            assertEquals(200, api.get("/api/rooms?public=true&limit=200&offset=10000", a.token()).status());
        }
    }

    @Test
    void theMigrationCountsTheMembersOfExistingRooms(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("chat.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("1").load().migrate();
        try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("INSERT INTO users (id, username, username_key, display_name, created_at) VALUES"
                    + " ('u1', 'old1', 'old1', 'old1', '2026-01-01T00:00:00.000Z'),"
                    + " ('u2', 'old2', 'old2', 'old2', '2026-01-01T00:00:00.000Z')");
            s.execute("INSERT INTO rooms (id, name, is_public, created_at) VALUES"
                    + " ('r1', 'Two old members', TRUE, '2026-01-01T00:00:00.000Z'),"
                    + " ('r2', 'Empty', TRUE, '2026-01-02T00:00:00.000Z')");
            s.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES"
                    + " ('r1', 'u1', 'owner', '2026-01-01T00:00:00.000Z'), ('r1', 'u2', 'member', '2026-01-01T00:00:00.000Z')");
        }
        try (App app = new App(ConfigLoader.load(TestServer.env(dir, Map.of())), Clock.systemUTC()).start()) {
            Api api = new Api("http://127.0.0.1:" + app.port());
            TestUser newcomer = api.register("newcomer");
            JsonNode rooms = api.get("/api/rooms?public=true", newcomer.token()).body();
            assertEquals("Two old members", rooms.get(0).get("name").asText());
            assertEquals(2, rooms.get(0).get("member_count").asInt());
            assertEquals(0, rooms.get(1).get("member_count").asInt());
            assertEquals(3, api.post("/api/rooms/r1/join", newcomer.token(), null).body().get("member_count").asInt());
        }
    }
}
