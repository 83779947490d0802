package groupchat.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Upload;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.TestServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access audit: every route of the contract that concerns a room, called by each role, on a
 * private and on a public room, against the status the contract (and the README's decisions)
 * give. Each call that may change something gets a fresh room. Anonymous calls are 401 everywhere.
 */
class AccessControlTest {
    enum Role { OWNER, ADMIN, MEMBER, STRANGER }

    /** One room set up for one call: owner, admin, member, a second member to act on, a message, an invite. */
    record Fixture(String room, String messageHash, String invite, String targetId, String messageId) {
        String message() {
            return "/api/rooms/" + room + "/messages/" + messageId;
        }
    }

    /** Expected statuses: private room (owner, admin, member, stranger), then public room. */
    record Route(String name, String method, Function<Fixture, String> path, Function<Fixture, Object> body,
                 boolean changes, int[] privateRoom, int[] publicRoom) {}

    private static TestServer server;
    private static Api api;
    private static final Map<Role, TestUser> users = new EnumMap<>(Role.class);
    private static TestUser target;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        for (Role role : Role.values()) users.put(role, api.register(role.name().toLowerCase()));
        target = api.register("target");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int[] s(int owner, int admin, int member, int stranger) {
        return new int[] {owner, admin, member, stranger};
    }

    static List<Route> routes() {
        String pubkey = NostrSigner.generate().pubkeyHex();
        return List.of(
                new Route("GET room", "GET", f -> "/api/rooms/" + f.room(), f -> null, false,
                        s(200, 200, 200, 404), s(200, 200, 200, 200)),
                new Route("PUT room", "PUT", f -> "/api/rooms/" + f.room(), f -> Api.obj("description", "new"), true,
                        s(200, 200, 403, 404), s(200, 200, 403, 403)),
                new Route("DELETE room", "DELETE", f -> "/api/rooms/" + f.room(), f -> null, true,
                        s(204, 403, 403, 404), s(204, 403, 403, 403)),
                new Route("GET messages", "GET", f -> "/api/rooms/" + f.room() + "/messages", f -> null, false,
                        s(200, 200, 200, 404), s(200, 200, 200, 403)),
                new Route("POST message", "POST", f -> "/api/rooms/" + f.room() + "/messages",
                        f -> Api.obj("content", "hi"), true, s(201, 201, 201, 404), s(201, 201, 201, 403)),
                new Route("PUT member role", "PUT", f -> "/api/rooms/" + f.room() + "/members/" + f.targetId(),
                        f -> Api.obj("role", "admin"), true, s(200, 403, 403, 404), s(200, 403, 403, 403)),
                new Route("DELETE other member", "DELETE", f -> "/api/rooms/" + f.room() + "/members/" + f.targetId(),
                        f -> null, true, s(204, 204, 403, 404), s(204, 204, 403, 403)),
                new Route("POST join", "POST", f -> "/api/rooms/" + f.room() + "/join", f -> null, true,
                        s(200, 200, 200, 403), s(200, 200, 200, 200)),
                new Route("POST clear", "POST", f -> "/api/rooms/" + f.room() + "/clear", f -> null, true,
                        s(204, 204, 403, 404), s(204, 204, 403, 403)),
                new Route("GET usage", "GET", f -> "/api/rooms/" + f.room() + "/usage", f -> null, false,
                        s(200, 200, 200, 404), s(200, 200, 200, 403)),
                new Route("GET message by hash", "GET", f -> "/api/messages/hash/" + f.messageHash(), f -> null, false,
                        s(200, 200, 200, 404), s(200, 200, 200, 404)),
                new Route("POST invite", "POST", f -> "/api/invites", f -> Api.obj("room_id", f.room()), true,
                        s(201, 201, 403, 404), s(201, 201, 403, 403)),
                new Route("GET invites of room", "GET", f -> "/api/invites?room_id=" + f.room(), f -> null, false,
                        s(200, 200, 403, 404), s(200, 200, 403, 403)),
                new Route("DELETE invite", "DELETE", f -> "/api/invites/" + f.invite(), f -> null, true,
                        s(204, 204, 403, 404), s(204, 204, 403, 403)),
                // An invite token is the capability itself: whoever holds it may join.
                new Route("POST invite accept", "POST", f -> "/api/invites/" + f.invite() + "/accept", f -> null, true,
                        s(200, 200, 200, 200), s(200, 200, 200, 200)),
                new Route("GET invite preview", "GET", f -> "/api/invites/" + f.invite(), f -> null, false,
                        s(200, 200, 200, 200), s(200, 200, 200, 200)),
                new Route("POST nostr invite", "POST", f -> "/api/invites/nostr",
                        f -> Api.obj("room_id", f.room(), "pubkey", pubkey), true,
                        s(200, 200, 403, 404), s(200, 200, 403, 403)),
                // Everyday chat. The fixture's message is the plain member's.
                new Route("PATCH message", "PATCH", Fixture::message, f -> Api.obj("content", "edited"), true,
                        s(403, 403, 200, 404), s(403, 403, 200, 403)),
                new Route("DELETE message", "DELETE", Fixture::message, f -> null, true,
                        s(204, 204, 204, 404), s(204, 204, 204, 403)),
                new Route("PUT reaction", "PUT", f -> f.message() + "/reactions/%F0%9F%91%8D", f -> null, true,
                        s(200, 200, 200, 404), s(200, 200, 200, 403)),
                new Route("DELETE reaction", "DELETE", f -> f.message() + "/reactions/%F0%9F%91%8D", f -> null, true,
                        s(200, 200, 200, 404), s(200, 200, 200, 403)),
                new Route("POST read", "POST", f -> "/api/rooms/" + f.room() + "/read",
                        f -> Api.obj("message_id", f.messageId()), true, s(204, 204, 204, 404), s(204, 204, 204, 403)),
                new Route("GET search in room", "GET", f -> "/api/search?q=evidence&room_id=" + f.room(), f -> null,
                        false, s(200, 200, 200, 404), s(200, 200, 200, 403)));
    }

    @Test
    void everyRoomRouteAnswersEachRoleAsTheContractSays() {
        Map<Boolean, Fixture> shared = Map.of(false, fixture(false), true, fixture(true));
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Route route : routes()) {
            for (boolean isPublic : new boolean[] {false, true}) {
                int[] expected = isPublic ? route.publicRoom() : route.privateRoom();
                for (Role role : Role.values()) {
                    Fixture f = route.changes() ? fixture(isPublic) : shared.get(isPublic);
                    Api.Response r = api.send(route.method(), route.path().apply(f), users.get(role).token(),
                            route.body().apply(f), null);
                    calls++;
                    int want = expected[role.ordinal()];
                    if (r.status() != want) {
                        wrong.add(String.format("%s as %s on a %s room: %d, expected %d (%s)", route.name(), role,
                                isPublic ? "public" : "private", r.status(), want, r.text()));
                    } else if (want >= 400) {
                        assertTrue(r.body() != null && r.body().has("code"), route.name() + ": " + r);
                    }
                }
                Fixture f = shared.get(isPublic);
                Api.Response anonymous = api.send(route.method(), route.path().apply(f), null, route.body().apply(f),
                        null);
                calls++;
                boolean isPublicRoute = route.name().equals("GET invite preview");
                if (anonymous.status() != (isPublicRoute ? 200 : 401)) {
                    wrong.add(route.name() + " without a token: " + anonymous.status());
                }
            }
        }
        System.out.printf("AccessControlTest: %d routes, %d calls%n", routes().size(), calls);
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers:\n" + String.join("\n", wrong));
    }

    @Test
    void leavingIsAlwaysAllowedButTheLastOwnerStays() {
        for (boolean isPublic : new boolean[] {false, true}) {
            for (Role role : List.of(Role.ADMIN, Role.MEMBER)) {
                Fixture f = fixture(isPublic);
                assertEquals(204, api.delete("/api/rooms/" + f.room() + "/members/" + users.get(role).id(),
                        users.get(role).token()).status());
            }
            Fixture f = fixture(isPublic);
            assertEquals(409, api.delete("/api/rooms/" + f.room() + "/members/" + users.get(Role.OWNER).id(),
                    users.get(Role.OWNER).token()).status());
            int stranger = api.delete("/api/rooms/" + f.room() + "/members/" + users.get(Role.STRANGER).id(),
                    users.get(Role.STRANGER).token()).status();
            assertEquals(isPublic ? 403 : 404, stranger, "a stranger has nothing to leave");
        }
    }

    @Test
    void adminsCannotActOnOwnersOrOtherAdminsRoles() {
        Fixture f = fixture(false);
        String room = "/api/rooms/" + f.room() + "/members/";
        TestUser admin = users.get(Role.ADMIN);
        assertEquals(403, api.delete(room + users.get(Role.OWNER).id(), admin.token()).status());
        assertEquals(403, api.put(room + users.get(Role.MEMBER).id(), admin.token(), Api.obj("role", "admin")).status());
        assertEquals(403, api.put(room + admin.id(), admin.token(), Api.obj("role", "owner")).status(),
                "an admin cannot make itself owner");
    }

    @Test
    void listsShowOnlyWhatTheCallerMaySee() {
        Fixture secret = fixture(false);
        TestUser stranger = users.get(Role.STRANGER);
        for (String path : new String[] {"/api/rooms", "/api/rooms?public=true", "/api/invites"}) {
            String text = api.get(path, stranger.token()).text();
            assertTrue(!text.contains(secret.room()) && !text.contains(secret.invite()), path + " leaks: " + text);
        }
        JsonNode memberInvites = api.get("/api/invites", users.get(Role.MEMBER).token()).body();
        assertTrue(!memberInvites.toString().contains(secret.invite()), "a plain member sees invites");
        assertTrue(api.get("/api/invites", users.get(Role.ADMIN).token()).text().contains(secret.invite()));
        // Uploads and profile are the caller's own.
        assertEquals(201, Upload.png(server, "/api/upload", stranger.token()).status());
        assertEquals(401, Upload.png(server, "/api/upload", null).status());
        assertEquals(401, Upload.png(server, "/api/auth/avatar", null).status());
        assertEquals(401, api.put("/api/auth/profile", null, Api.obj("display_name", "x")).status());
        assertEquals(401, api.get("/api/models", null).status());
    }

    private static Fixture fixture(boolean isPublic) {
        TestUser owner = users.get(Role.OWNER);
        String room = api.post("/api/rooms", owner.token(), Api.obj("name", "audit", "is_public", isPublic))
                .body().get("id").asText();
        String invite = api.post("/api/invites", owner.token(), Api.obj("room_id", room)).body().get("token").asText();
        for (TestUser u : List.of(users.get(Role.ADMIN), users.get(Role.MEMBER), target)) {
            assertEquals(200, api.post("/api/invites/" + invite + "/accept", u.token(), null).status());
        }
        assertEquals(200, api.put("/api/rooms/" + room + "/members/" + users.get(Role.ADMIN).id(), owner.token(),
                Api.obj("role", "admin")).status());
        JsonNode message = api.post("/api/rooms/" + room + "/messages", users.get(Role.MEMBER).token(),
                Api.obj("content", "evidence")).body();
        String fresh = api.post("/api/invites", owner.token(), Api.obj("room_id", room)).body().get("token").asText();
        return new Fixture(room, message.get("hash").asText(), fresh, target.id(), message.get("id").asText());
    }
}
