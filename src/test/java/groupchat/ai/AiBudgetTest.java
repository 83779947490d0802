package groupchat.ai;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AI cost control through the real server: model allowlist, max_tokens, monthly budgets, cost estimates. */
class AiBudgetTest {
    static final String CATALOGUE = "{\"data\":["
            + "{\"id\":\"fake/one\",\"name\":\"One\",\"context_length\":8000,"
            + "\"pricing\":{\"prompt\":\"0.001\",\"completion\":\"0.002\"}},"
            + "{\"id\":\"fake/two\",\"name\":\"Two\",\"context_length\":4000,"
            + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}},"
            + "{\"id\":\"fake/pricey\",\"name\":\"Pricey\",\"context_length\":4000,"
            + "\"pricing\":{\"prompt\":\"1\",\"completion\":\"1\"}}]}";
    static final FakeOpenRouter openRouter = withCatalogue();
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(env(Map.of(
            "AI_MODELS", "fake/one, fake/two", "AI_MAX_TOKENS", "300",
            "AI_BUDGET_ROOM_USD", "10", "AI_BUDGET_USER_USD", "5")));
    static final TestServer server = running.server();
    static final Api api = server.api();

    static FakeOpenRouter withCatalogue() {
        FakeOpenRouter fake = FakeOpenRouter.start();
        fake.models(200, CATALOGUE);
        return fake;
    }

    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("OPENROUTER_API_KEY", "sk-test",
                "OPENROUTER_BASE_URL", openRouter.baseUrl(), "AI_NAME", "Robo"));
        env.putAll(extra);
        return env;
    }

    @AfterAll
    static void stopFake() {
        openRouter.close();
    }

    static String room(TestUser owner) {
        return api.post("/api/rooms", owner.token(), obj("name", "budget room", "is_public", true)).body()
                .get("id").asText();
    }

    static Api.Response settings(TestUser who, String roomId, String settingsJson) {
        return api.put("/api/rooms/" + roomId, who.token(), "{\"settings\":" + settingsJson + "}");
    }

    static SseScript costing(double usd) {
        return SseScript.stream().role().content("Paid answer.").finish("stop").usage(10, 5, usd).done();
    }

    static void say(TestUser user, String roomId, String content) {
        assertEquals(201, api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content))
                .status());
    }

    static JsonNode answer(TestSocket socket) {
        return socket.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(20))
                .get("message");
    }

    static JsonNode systemNotice(TestSocket socket) {
        return socket.await(f -> "new_message".equals(f.path("type").asText())
                && "system".equals(f.at("/message/kind").asText()), Duration.ofSeconds(20)).get("message");
    }

    static String nextMonth() {
        return YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).toString();
    }

    @Test
    void modelsListsOnlyTheAllowlistAndRoomsMayNotNameAnother() {
        TestUser owner = running.newUser();
        JsonNode models = api.get("/api/models", owner.token()).body();
        assertEquals(2, models.size(), models.toString());
        assertEquals("fake/one", models.get(0).get("id").asText());
        assertEquals("One", models.get(0).get("name").asText());
        assertEquals("0.001", models.at("/0/pricing/prompt").asText());
        assertEquals("fake/two", models.get(1).get("id").asText());

        Api.Response create = api.post("/api/rooms", owner.token(),
                obj("name", "x", "settings", Map.of("ai_model", "fake/pricey")));
        assertEquals(400, create.status());
        assertEquals("invalid_request", create.body().get("code").asText());
        assertTrue(create.body().get("error").asText().contains("settings.ai_model"), create.toString());
        String roomId = room(owner);
        assertEquals(400, settings(owner, roomId, "{\"ai_model\":\"fake/pricey\"}").status());
        assertEquals("fake/two", settings(owner, roomId, "{\"ai_model\":\"fake/two\"}").body()
                .at("/settings/ai_model").asText());
    }

    @Test
    void everyRequestCarriesMaxTokensAndTheAllowedDefaultModel() throws Exception {
        TestUser owner = running.newUser();
        String roomId = room(owner);
        int before = openRouter.requests().size();
        try (TestSocket socket = TestSocket.connect(server, owner.token())) {
            socket.join(roomId);
            say(owner, roomId, "@robo hello");
            answer(socket);
        }
        JsonNode request = openRouter.request(before).body();
        assertEquals(300, request.get("max_tokens").asInt());
        assertEquals("fake/one", request.get("model").asText(), "DEFAULT_MODEL unset: the first of AI_MODELS");
    }

    @Test
    void ownerBudgetMustBeANumberFromZeroToTheServerCapAndIsTheOwnersToSet() {
        TestUser owner = running.newUser();
        TestUser admin = running.newUser();
        String roomId = room(owner);
        api.post("/api/rooms/" + roomId + "/join", admin.token(), null);
        api.put("/api/rooms/" + roomId + "/members/" + admin.id(), owner.token(), obj("role", "admin"));

        for (String bad : new String[] {"-1", "\"5\"", "true", "{}", "11"}) {
            Api.Response r = settings(owner, roomId, "{\"ai_budget_usd\":" + bad + "}");
            assertEquals(400, r.status(), bad + " -> " + r);
            assertTrue(r.body().get("error").asText().contains("settings.ai_budget_usd"), r.toString());
        }
        JsonNode room = settings(owner, roomId, "{\"ai_budget_usd\":2.5}").body();
        assertEquals(2.5, room.at("/settings/ai_budget_usd").asDouble());
        assertEquals(2.5, api.get("/api/rooms/" + roomId, admin.token()).body().at("/settings/ai_budget_usd")
                .asDouble());
        assertEquals(403, settings(admin, roomId, "{\"ai_budget_usd\":9}").status(), "a room admin may not raise it");
        assertEquals(200, settings(admin, roomId, "{\"ai_budget_usd\":2.5,\"ai_mode\":\"always\"}").status(),
                "sending it back unchanged is fine");
        assertTrue(settings(owner, roomId, "{\"ai_budget_usd\":null}").body().at("/settings/ai_budget_usd").isNull());
        assertEquals(200, settings(owner, roomId, "{\"ai_budget_usd\":0}").status());
    }

    @Test
    void spentRoomBudgetIsNotSentUpstreamAndSaysSoOnceUntilTheNextAnswer() throws Exception {
        TestUser owner = running.newUser();
        String roomId = room(owner);
        settings(owner, roomId, "{\"ai_budget_usd\":1}");
        try (TestSocket socket = TestSocket.connect(server, owner.token())) {
            socket.join(roomId);
            openRouter.enqueue(costing(1.25));
            say(owner, roomId, "@robo first");
            assertEquals(1.25, answer(socket).at("/ai/cost").asDouble());

            int before = openRouter.requests().size();
            say(owner, roomId, "@robo second");
            JsonNode notice = systemNotice(socket);
            assertTrue(notice.get("content").asText().contains("this room's monthly AI budget ($1.00) is spent"),
                    notice.toString());
            assertTrue(notice.get("content").asText().contains("renews on " + nextMonth()), notice.toString());
            say(owner, roomId, "@robo third");
            socket.assertNone(f -> "system".equals(f.at("/message/kind").asText())
                    || f.path("type").asText().startsWith("ai_"), Duration.ofMillis(800));
            assertEquals(before, openRouter.requests().size(), "nothing went upstream");

            JsonNode budget = api.get("/api/rooms/" + roomId + "/usage", owner.token()).body().get("budget");
            assertEquals(1.0, budget.get("room_usd").asDouble());
            assertEquals(1.25, budget.get("room_spent_usd").asDouble());
            assertEquals(5.0, budget.get("user_usd").asDouble());
            assertEquals(1.25, budget.get("user_spent_usd").asDouble());
            assertEquals(YearMonth.now(ZoneOffset.UTC).atDay(1) + "T00:00:00.000Z",
                    budget.get("period_start").asText());

            settings(owner, roomId, "{\"ai_budget_usd\":2}");
            openRouter.enqueue(costing(1));
            say(owner, roomId, "@robo with more money");
            answer(socket);
            say(owner, roomId, "@robo once more");
            assertTrue(systemNotice(socket).get("content").asText().contains("($2.00) is spent"),
                    "after an answer, a spent budget is announced again");
        }
    }

    @Test
    void userBudgetCountsAcrossRoomsAndSurvivesClearingTheRoom() throws Exception {
        TestUser spender = running.newUser();
        TestUser other = running.newUser();
        String first = room(spender);
        String second = room(spender);
        api.post("/api/rooms/" + second + "/join", other.token(), null);
        try (TestSocket socket = TestSocket.connect(server, spender.token())) {
            socket.join(first);
            socket.join(second);
            openRouter.enqueue(costing(5));
            say(spender, first, "@robo expensive question");
            answer(socket);
            assertEquals(204, api.post("/api/rooms/" + first + "/clear", spender.token(), null).status());
            JsonNode budget = api.get("/api/rooms/" + first + "/usage", spender.token()).body().get("budget");
            assertEquals(5.0, budget.get("user_spent_usd").asDouble(), "clearing a room gives no money back");

            say(spender, second, "@robo another one");
            String notice = systemNotice(socket).get("content").asText();
            assertTrue(notice.contains(spender.username() + "'s monthly AI budget ($5.00) is spent"), notice);

            openRouter.enqueue(costing(0.5));
            say(other, second, "@robo my turn");
            assertEquals("Paid answer.", answer(socket).get("content").asText(), "others' budgets are their own");
            JsonNode otherView = api.get("/api/rooms/" + second + "/usage", other.token()).body().get("budget");
            assertEquals(0.5, otherView.get("user_spent_usd").asDouble());
            assertEquals(0.5, otherView.get("room_spent_usd").asDouble());
        }
    }

    @Test
    void missingProviderCostIsEstimatedFromCataloguePricesAndMarked() {
        TestUser owner = running.newUser();
        String roomId = room(owner);
        try (TestSocket socket = TestSocket.connect(server, owner.token())) {
            socket.join(roomId);
            openRouter.enqueue(SseScript.stream().role().content("No cost given.").finish("stop")
                    .usage(100, 20, null).done());
            say(owner, roomId, "@robo estimate");
            JsonNode ai = answer(socket).get("ai");
            assertEquals(0.14, ai.get("cost").asDouble(), 1e-9, "100 x 0.001 + 20 x 0.002");
            assertTrue(ai.get("cost_estimated").asBoolean());

            openRouter.enqueue(costing(0.03));
            say(owner, roomId, "@robo exact");
            JsonNode exact = answer(socket).get("ai");
            assertEquals(0.03, exact.get("cost").asDouble());
            assertFalse(exact.get("cost_estimated").asBoolean());
        }
        JsonNode history = api.get("/api/rooms/" + roomId + "/messages", owner.token()).body();
        assertTrue(StreamSupport.stream(history.spliterator(), false)
                .anyMatch(m -> m.at("/ai/cost_estimated").asBoolean()), "the mark is stored with the answer");
    }

    @Test
    void spentServerBudgetStopsEveryRoom() throws Exception {
        try (TestServer small = TestServer.start(env(Map.of("AI_BUDGET_SERVER_USD", "1")))) {
            Api smallApi = small.api();
            TestUser alice = smallApi.register("alice");
            TestUser bob = smallApi.register("bob");
            String aliceRoom = smallApi.post("/api/rooms", alice.token(), obj("name", "a")).body().get("id").asText();
            String bobRoom = smallApi.post("/api/rooms", bob.token(), obj("name", "b")).body().get("id").asText();
            try (TestSocket a = TestSocket.connect(small, alice.token());
                 TestSocket b = TestSocket.connect(small, bob.token())) {
                a.join(aliceRoom);
                b.join(bobRoom);
                openRouter.enqueue(costing(1));
                smallApi.post("/api/rooms/" + aliceRoom + "/messages", alice.token(), obj("content", "@robo hi"));
                answer(a);
                smallApi.post("/api/rooms/" + bobRoom + "/messages", bob.token(), obj("content", "@robo hi"));
                assertTrue(systemNotice(b).get("content").asText().contains("the server's monthly AI budget ($1.00)"));
            }
        }
    }

    @Test
    void anAllowedModelTheProviderDoesNotListStopsTheStart() {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> TestServer.start(env(Map.of("AI_MODELS", "fake/one,fake/tpyo"))).close());
        assertTrue(e.getMessage().contains("AI_MODELS: 'fake/tpyo' is not a model"), e.getMessage());
    }
}
