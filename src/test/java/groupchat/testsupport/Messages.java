package groupchat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api.TestUser;

/** Messages posted and read through the API, for tests that need them as set-up. */
public final class Messages {
    private Messages() {}

    /** Posts {@code content} as {@code user}; returns the stored message. */
    public static JsonNode say(Api api, TestUser user, String roomId, String content) {
        return post(api, user, roomId, Api.obj("content", content));
    }

    public static JsonNode post(Api api, TestUser user, String roomId, Object body) {
        var r = api.post("/api/rooms/" + roomId + "/messages", user.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.body();
    }

    /** The room's newest messages (up to 200), oldest first. */
    public static JsonNode history(Api api, TestUser user, String roomId) {
        var r = api.get("/api/rooms/" + roomId + "/messages?limit=200", user.token());
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }
}
