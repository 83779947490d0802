package groupchat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api.TestUser;
import java.util.Map;

/** The tests' one room fixture: rooms, members and invites made through the API, as a client makes them. */
public final class Rooms {
    private Rooms() {}

    /** A room owned by {@code owner}; returns its id. */
    public static String create(Api api, TestUser owner, String name, boolean isPublic) {
        var r = api.post("/api/rooms", owner.token(), Api.obj("name", name, "is_public", isPublic));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    /** A public room that each of {@code members} has joined. */
    public static String publicRoom(Api api, TestUser owner, TestUser... members) {
        String id = create(api, owner, "public room", true);
        for (TestUser m : members) assertEquals(200, api.post("/api/rooms/" + id + "/join", m.token(), null).status());
        return id;
    }

    /** A private room whose other members came in by an invite link. */
    public static String privateRoom(Api api, TestUser owner, TestUser... members) {
        String id = create(api, owner, "private room", false);
        for (TestUser m : members) accept(api, invite(api, owner.token(), id), m.token());
        return id;
    }

    /**
     * A room owned by {@code ownerToken}'s user; {@code others} maps a member's token to its role
     * ({@code member}, {@code admin} or {@code owner}), each brought in by an invite link.
     */
    public static String withRoles(Api api, String ownerToken, boolean isPublic, Map<String, String> others) {
        var r = api.post("/api/rooms", ownerToken, Api.obj("name", "room with roles", "is_public", isPublic));
        assertEquals(201, r.status(), r.toString());
        String roomId = r.body().get("id").asText();
        for (var entry : others.entrySet()) {
            accept(api, invite(api, ownerToken, roomId), entry.getKey());
            if (!entry.getValue().equals("member")) {
                String userId = api.get("/api/auth/me", entry.getKey()).body().get("id").asText();
                var set = api.put("/api/rooms/" + roomId + "/members/" + userId, ownerToken,
                        Api.obj("role", entry.getValue()));
                assertEquals(200, set.status(), set.toString());
            }
        }
        return roomId;
    }

    /** A new invite link's token, made by an owner or admin of the room. */
    public static String invite(Api api, String managerToken, String roomId) {
        var r = api.post("/api/invites", managerToken, Api.obj("room_id", roomId));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("token").asText();
    }

    public static void accept(Api api, String inviteToken, String userToken) {
        var r = api.post("/api/invites/" + inviteToken + "/accept", userToken, null);
        assertEquals(200, r.status(), r.toString());
    }

    /** The user's role in the room as {@code viewerToken}'s user sees it, or null when not a member. */
    public static String roleOf(Api api, String viewerToken, String roomId, String userId) {
        for (var member : api.get("/api/rooms/" + roomId, viewerToken).body().get("members")) {
            if (member.get("user").get("id").asText().equals(userId)) return member.get("role").asText();
        }
        return null;
    }

    /** The room as GET /api/rooms/:room_id shows it to {@code user}. */
    public static JsonNode seenBy(Api api, TestUser user, String roomId) {
        var r = api.get("/api/rooms/" + roomId, user.token());
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    /** The room as GET /api/rooms lists it for {@code user}. */
    public static JsonNode listed(Api api, TestUser user, String roomId) {
        for (JsonNode room : api.get("/api/rooms", user.token()).body()) {
            if (room.get("id").asText().equals(roomId)) return room;
        }
        throw new AssertionError("room " + roomId + " is not listed for " + user.username());
    }
}
