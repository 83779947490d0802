package groupchat.nostr;

import groupchat.testsupport.Api;
import java.util.Map;

/** Rooms for the Nostr invite tests, made through the API. */
final class RoomFixtures {
    private RoomFixtures() {}

    /** A room owned by {@code ownerToken}'s user; {@code others} maps a member's token to its role. */
    static String createRoom(Api api, String ownerToken, boolean isPublic, Map<String, String> others) {
        String roomId = api.post("/api/rooms", ownerToken, Api.obj("name", "nostr room", "is_public", isPublic))
                .body().get("id").asText();
        for (var entry : others.entrySet()) {
            String invite = api.post("/api/invites", ownerToken, Api.obj("room_id", roomId)).body()
                    .get("token").asText();
            api.post("/api/invites/" + invite + "/accept", entry.getKey(), null);
            if (!entry.getValue().equals("member")) {
                String userId = api.get("/api/auth/me", entry.getKey()).body().get("id").asText();
                api.put("/api/rooms/" + roomId + "/members/" + userId, ownerToken, Api.obj("role", entry.getValue()));
            }
        }
        return roomId;
    }

    /** The user's role in the room, or null when not a member. */
    static String roleOf(Api api, String memberToken, String roomId, String userId) {
        for (var member : api.get("/api/rooms/" + roomId, memberToken).body().get("members")) {
            if (member.get("user").get("id").asText().equals(userId)) return member.get("role").asText();
        }
        return null;
    }
}
