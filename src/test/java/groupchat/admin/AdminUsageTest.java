package groupchat.admin;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The month's AI spend across the server, from answers of a fake OpenRouter. */
class AdminUsageTest {
    static final FakeOpenRouter openRouter = FakeOpenRouter.start();
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("OPENROUTER_API_KEY", "sk-test",
            "OPENROUTER_BASE_URL", openRouter.baseUrl(), "DEFAULT_MODEL", "fake/default"));
    static final TestServer server = running.server();
    static final Api api = server.api();
    static final TestUser root = running.newUser();

    @AfterAll
    static void stopFake() {
        openRouter.close();
    }

    static SseScript answer(String model, int prompt, int completion, double cost) {
        return SseScript.stream().model(model).role().content("answer").finish("stop").usage(prompt, completion, cost)
                .done();
    }

    /** Asks the AI in the room and waits for the stored answer. */
    static void ask(TestUser user, String roomId, SseScript reply) {
        openRouter.enqueue(reply);
        try (TestSocket socket = TestSocket.connect(server, user.token())) {
            socket.join(roomId);
            api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", "@ai hello"));
            JsonNode end = socket.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(20));
            assertEquals("ai", end.get("message").get("kind").asText(), end.toString());
        }
    }

    static JsonNode row(JsonNode list, String field, String value) {
        for (JsonNode row : list) if (value.equals(row.path(field).asText(null))) return row;
        throw new AssertionError("no row with " + field + "=" + value + " in " + list);
    }

    @Test
    void theMonthsSpendIsAddedUpByUserRoomModelAndDayAndOutlivesAClearedRoom() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String first = Rooms.create(api, alice, "first", false);
        String second = Rooms.create(api, bob, "second", false);
        ask(alice, first, answer("fake/cheap", 100, 20, 0.25));
        ask(alice, first, answer("fake/cheap", 50, 10, 0.5));
        ask(bob, second, answer("fake/dear", 10, 5, 1.0));
        assertEquals(204, api.post("/api/rooms/" + first + "/clear", alice.token(), null).status());

        Response r = api.get("/api/admin/usage", root.token());
        assertEquals(200, r.status(), r.toString());
        JsonNode usage = r.body();
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertEquals(month, usage.get("month").asText());
        JsonNode total = usage.get("total");
        assertEquals(3, total.get("answers").asLong());
        assertEquals(1.75, total.get("cost").asDouble(), 1e-9);
        assertEquals(160, total.get("prompt_tokens").asLong());
        assertEquals(35, total.get("completion_tokens").asLong());

        JsonNode aliceRow = row(usage.get("by_user"), "user_id", alice.id());
        assertEquals(alice.username(), aliceRow.get("username").asText());
        assertEquals(2, aliceRow.get("answers").asLong());
        assertEquals(0.75, aliceRow.get("cost").asDouble(), 1e-9);
        assertEquals(bob.id(), usage.get("by_user").get(0).get("user_id").asText(), "most expensive first");

        JsonNode firstRoom = row(usage.get("by_room"), "room_id", first);
        assertEquals("first", firstRoom.get("name").asText());
        assertEquals(150, firstRoom.get("prompt_tokens").asLong());
        assertEquals(1.0, row(usage.get("by_model"), "model", "fake/dear").get("cost").asDouble(), 1e-9);
        assertEquals(2, row(usage.get("by_model"), "model", "fake/cheap").get("answers").asLong());
        JsonNode days = usage.get("by_day");
        assertEquals(1, days.size());
        assertTrue(days.get(0).get("day").asText().startsWith(month));
        assertEquals(3, days.get(0).get("answers").asLong());

        assertEquals(usage, api.get("/api/admin/usage?month=" + month, root.token()).body());
        JsonNode empty = api.get("/api/admin/usage?month=2001-02", root.token()).body();
        assertEquals("2001-02", empty.get("month").asText());
        assertEquals(0, empty.get("total").get("answers").asLong());
        assertEquals(0, empty.get("by_user").size());
    }
}
