package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/models and GET /api/rooms/:room_id/usage through the real server. */
class AiRoutesTest {
    static final String MODELS = """
            {"data": [
              {"id": "openai/gpt-4o-mini", "canonical_slug": "openai/gpt-4o-mini-2024-07-18", "name": "OpenAI: GPT-4o-mini",
               "created": 1721260800, "context_length": 128000, "architecture": {"modality": "text+image->text"},
               "pricing": {"prompt": "0.00000015", "completion": "0.0000006", "request": "0", "image": "0.000217"},
               "top_provider": {"is_moderated": true}, "supported_parameters": ["tools"]},
              {"id": "meta-llama/llama-3.1-8b-instruct", "name": "Meta: Llama 3.1 8B Instruct", "context_length": 131072,
               "pricing": {"prompt": "0.00000002", "completion": "0.00000005"}}
            ]}""";

    @Test
    void modelsComeFromOpenRouterInTheContractShape() {
        try (FakeOpenRouter upstream = FakeOpenRouter.start();
             TestServer server = TestServer.start(aiOn(upstream))) {
            upstream.models(200, MODELS);
            Api api = server.api();
            TestUser alice = api.register("alice");
            Response r = api.get("/api/models", alice.token());
            assertEquals(200, r.status(), r.toString());
            assertEquals(2, r.body().size());
            JsonNode first = r.body().get(0);
            assertEquals(Api.JSON.createObjectNode().put("id", "openai/gpt-4o-mini").put("name", "OpenAI: GPT-4o-mini")
                    .put("context_length", 128000).set("pricing", Api.JSON.createObjectNode()
                            .put("prompt", "0.00000015").put("completion", "0.0000006")), first);
            assertEquals(401, api.get("/api/models", null).status());

            upstream.models(503, "{\"error\":{\"message\":\"down\"}}");
            Response again = api.get("/api/models", alice.token());
            assertEquals(r.body(), again.body());
            assertEquals(1, upstream.modelsCalls(), "served from the cache");
        }
    }

    @Test
    void modelsWithoutCacheAndUpstreamDownAnswerTheDefaultModel() {
        try (FakeOpenRouter upstream = FakeOpenRouter.start();
             TestServer server = TestServer.start(aiOn(upstream))) {
            upstream.models(503, "{\"error\":{\"message\":\"down\"}}");
            TestUser alice = server.api().register("alice");
            Response r = server.api().get("/api/models", alice.token());
            assertEquals(200, r.status());
            assertDefaultOnly(r.body(), "test/default-model");
        }
    }

    @Test
    void modelsWithAiOffAnswerTheDefaultModel() {
        try (TestServer server = TestServer.start(Map.of("DEFAULT_MODEL", "vendor/off-model"))) {
            TestUser alice = server.api().register("alice");
            assertDefaultOnly(server.api().get("/api/models", alice.token()).body(), "vendor/off-model");
        }
    }

    @Test
    void usageAddsUpTheRoomsAnswersInTotalAndPerMember() throws Exception {
        try (FakeOpenRouter upstream = FakeOpenRouter.start(); TestServer server = TestServer.start(aiOn(upstream))) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            TestUser bob = api.register("bob");
            String room = Rooms.create(api, alice, "usage", false);
            Rooms.accept(api, Rooms.invite(api, alice.token(), room), bob.token());
            String other = Rooms.create(api, alice, "usage", false);
            try (TestSocket socket = TestSocket.connect(server, alice.token())) {
                socket.join(room);
                socket.join(other);
                answer(upstream, socket, api, alice, room, 100, 20, 0.001);
                answer(upstream, socket, api, alice, room, 50, 10, 0.0005);
                answer(upstream, socket, api, bob, room, 10, 5, null);
                answer(upstream, socket, api, alice, other, 999, 999, 9.0);
            }

            Response r = api.get("/api/rooms/" + room + "/usage", bob.token());
            assertEquals(200, r.status(), r.toString());
            JsonNode body = r.body();
            assertEquals(room, body.get("room_id").asText());
            JsonNode total = body.get("total");
            assertEquals(3, total.get("answers").asInt());
            assertEquals(160, total.get("prompt_tokens").asInt());
            assertEquals(35, total.get("completion_tokens").asInt());
            assertEquals(195, total.get("total_tokens").asInt());
            assertEquals(0.0015, total.get("cost").asDouble(), 1e-12);
            JsonNode byUser = body.get("by_user");
            assertEquals(2, byUser.size());
            assertEquals(alice.id(), byUser.get(0).get("user_id").asText());
            assertEquals("alice", byUser.get(0).get("username").asText());
            assertEquals("alice", byUser.get(0).get("display_name").asText());
            assertEquals(2, byUser.get(0).get("answers").asInt());
            assertEquals(180, byUser.get(0).get("total_tokens").asInt());
            assertEquals(0.0015, byUser.get(0).get("cost").asDouble(), 1e-12);
            assertEquals(bob.id(), byUser.get(1).get("user_id").asText());
            assertEquals(15, byUser.get(1).get("total_tokens").asInt());
            assertEquals(0.0, byUser.get(1).get("cost").asDouble());
        }
    }

    @Test
    void usageOfARoomWithoutAnswersIsZero() {
        try (TestServer server = TestServer.start()) {
            TestUser alice = server.api().register("alice");
            String room = Rooms.create(server.api(), alice, "usage", true);
            JsonNode body = server.api().get("/api/rooms/" + room + "/usage", alice.token()).body();
            assertEquals(0, body.get("total").get("answers").asInt());
            assertEquals(0.0, body.get("total").get("cost").asDouble());
            assertTrue(body.get("by_user").isEmpty());
        }
    }

    @Test
    void usageIsForMembersOnlyAndHidesPrivateRooms() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser owner = api.register("owner");
            TestUser stranger = api.register("stranger");
            String privateRoom = Rooms.create(api, owner, "usage", false);
            String publicRoom = Rooms.create(api, owner, "usage", true);
            assertError(api.get("/api/rooms/" + privateRoom + "/usage", stranger.token()), 404, "not_found");
            assertError(api.get("/api/rooms/" + publicRoom + "/usage", stranger.token()), 403, "forbidden");
            assertError(api.get("/api/rooms/no-such-room/usage", owner.token()), 404, "not_found");
            assertError(api.get("/api/rooms/" + privateRoom + "/usage", null), 401, "unauthorized");
        }
    }


    /** One AI answer with the given usage, triggered by {@code by}; waits until it is stored. */
    private static void answer(FakeOpenRouter upstream, TestSocket socket, Api api, TestUser by, String roomId,
                               int prompt, int completion, Double cost) {
        upstream.enqueue(SseScript.stream().role().content("answer").finish("stop").usage(prompt, completion, cost)
                .done());
        api.post("/api/rooms/" + roomId + "/messages", by.token(), Api.obj("content", "@ai count this"));
        socket.await(f -> "ai_stream_end".equals(f.path("type").asText()) && roomId.equals(f.path("room_id").asText()),
                java.time.Duration.ofSeconds(10));
    }

    private static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.body().get("code").asText());
        assertTrue(r.body().get("error").isTextual());
    }

    private static void assertDefaultOnly(JsonNode list, String model) {
        assertEquals(1, list.size(), list.toString());
        assertEquals(model, list.get(0).get("id").asText());
        assertEquals(model, list.get(0).get("name").asText());
        assertTrue(list.get(0).get("context_length").isNull());
        assertTrue(list.get(0).get("pricing").get("prompt").isNull());
    }

    private static Map<String, String> aiOn(FakeOpenRouter upstream) {
        return Map.of("OPENROUTER_API_KEY", "sk-or-test", "OPENROUTER_BASE_URL", upstream.baseUrl(),
                "DEFAULT_MODEL", "test/default-model");
    }
}
