package groupchat.testsupport;

import static groupchat.testsupport.Api.obj;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api.TestUser;

/** Rooms and messages made through the API, for tests that need them as set-up. */
public final class Chat {
    private final Api api;

    public Chat(Api api) {
        this.api = api;
    }

    /** A public room owned by {@code owner} that {@code members} have joined. */
    public String room(TestUser owner, TestUser... members) {
        Api.Response created = api.post("/api/rooms", owner.token(), obj("name", "room", "is_public", true));
        if (created.status() != 201) throw new IllegalStateException("room not created: " + created);
        String roomId = created.body().get("id").asText();
        for (TestUser m : members) {
            Api.Response joined = api.post("/api/rooms/" + roomId + "/join", m.token(), null);
            if (joined.status() != 200) throw new IllegalStateException("join failed: " + joined);
        }
        return roomId;
    }

    /** Posts {@code content} as {@code user}; returns the stored message. */
    public JsonNode say(TestUser user, String roomId, String content) {
        return post(user, roomId, obj("content", content));
    }

    public JsonNode post(TestUser user, String roomId, Object body) {
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages", user.token(), body);
        if (posted.status() != 201) throw new IllegalStateException("message not posted: " + posted);
        return posted.body();
    }

    /** The room's newest messages (up to 200), oldest first. */
    public JsonNode history(TestUser user, String roomId) {
        return api.get("/api/rooms/" + roomId + "/messages?limit=200", user.token()).body();
    }

    /** The room as {@code user} sees it in GET /api/rooms/:room_id. */
    public JsonNode roomAs(TestUser user, String roomId) {
        return api.get("/api/rooms/" + roomId, user.token()).body();
    }

    /** The room as listed for {@code user} by GET /api/rooms. */
    public JsonNode listed(TestUser user, String roomId) {
        for (JsonNode room : api.get("/api/rooms", user.token()).body()) {
            if (room.get("id").asText().equals(roomId)) return room;
        }
        throw new AssertionError("room " + roomId + " is not listed for " + user.username());
    }
}
