package groupchat.ai;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Images;
import groupchat.testsupport.Multipart;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The assistant through the real server: REST and WebSocket in, fake OpenRouter out. */
class AiEndToEndTest {
    static final FakeOpenRouter openRouter = FakeOpenRouter.start();
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("OPENROUTER_API_KEY", "sk-test",
            "OPENROUTER_BASE_URL", openRouter.baseUrl(), "AI_NAME", "Robo", "DEFAULT_MODEL", "fake/default"));
    static final TestServer server = running.server();
    static final Api api = server.api();

    @AfterAll
    static void stopFake() {
        openRouter.close();
    }

    static TestUser user() {
        return running.newUser();
    }

    static void say(TestUser user, String roomId, String content) {
        assertEquals(201, api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content))
                .status());
    }

    /** The frames of one answer, from ai_typing true to ai_typing false. */
    static List<JsonNode> answerFrames(TestSocket socket) {
        List<JsonNode> frames = new ArrayList<>();
        frames.add(socket.await(f -> "ai_typing".equals(f.path("type").asText()) && f.get("is_typing").asBoolean(),
                Duration.ofSeconds(20)));
        while (true) {
            JsonNode f = socket.await(x -> x.path("type").asText().startsWith("ai_")
                    || "new_message".equals(x.path("type").asText()), Duration.ofSeconds(20));
            frames.add(f);
            if ("ai_typing".equals(f.get("type").asText()) && !f.get("is_typing").asBoolean()) return frames;
        }
    }

    static List<String> types(List<JsonNode> frames) {
        return frames.stream().map(f -> f.get("type").asText()).distinct().toList();
    }

    @Test
    void mentionStreamsTheAnswerToEveryMemberAndStoresIt() throws Exception {
        TestUser alice = user();
        TestUser bob = user();
        String roomId = Rooms.publicRoom(api, alice, bob);
        int before = openRouter.requests().size();
        openRouter.enqueue(SseScript.answer("Hello ", "from ", "Robo."));
        try (TestSocket a = TestSocket.connect(server, alice.token());
             TestSocket b = TestSocket.connect(server, bob.token())) {
            a.join(roomId);
            b.join(roomId);
            say(alice, roomId, "hey @robo, say hello");
            for (TestSocket s : List.of(a, b)) {
                List<JsonNode> frames = answerFrames(s);
                assertEquals(List.of("ai_typing", "ai_stream_start", "ai_stream_chunk", "ai_stream_end"),
                        types(frames).subList(0, 4), frames.toString());
                String streamId = frames.get(1).get("stream_id").asText();
                StringBuilder text = new StringBuilder();
                frames.stream().filter(f -> "ai_stream_chunk".equals(f.get("type").asText()))
                        .forEach(f -> {
                            assertEquals(streamId, f.get("stream_id").asText());
                            text.append(f.get("delta").asText());
                        });
                assertEquals("Hello from Robo.", text.toString());
                JsonNode end = frames.stream().filter(f -> "ai_stream_end".equals(f.get("type").asText()))
                        .findFirst().orElseThrow();
                JsonNode message = end.get("message");
                assertEquals("ai", message.get("kind").asText());
                assertEquals("Robo", message.get("display_name").asText());
                assertTrue(message.get("user_id").isNull());
                assertEquals("fake/model-1", message.at("/ai/model").asText(), "the model that answered");
                assertEquals(100, message.at("/ai/prompt_tokens").asInt());
                assertEquals(120, message.at("/ai/total_tokens").asInt());
                assertEquals("stop", message.at("/ai/finish_reason").asText());
                assertTrue(frames.stream().noneMatch(f -> "new_message".equals(f.get("type").asText())),
                        "the AI's message arrives only in ai_stream_end");
            }
        }
        JsonNode request = openRouter.request(before).body();
        assertEquals("fake/default", request.get("model").asText());
        assertTrue(request.get("stream").asBoolean());
        assertTrue(request.at("/usage/include").asBoolean());
        JsonNode last = request.get("messages").get(request.get("messages").size() - 1);
        assertEquals("user", last.get("role").asText());
        assertTrue(last.get("content").asText().contains(alice.username()));
        assertTrue(last.get("content").asText().contains("say hello"));
        assertEquals("Bearer sk-test", openRouter.request(before).header("Authorization"));

        JsonNode history = api.get("/api/rooms/" + roomId + "/messages", bob.token()).body();
        assertEquals(2, history.size());
        assertEquals("Hello from Robo.", history.get(1).get("content").asText());
        assertEquals("ai", history.get(1).get("kind").asText());

        JsonNode usage = api.get("/api/rooms/" + roomId + "/usage", bob.token()).body();
        assertEquals(1, usage.at("/total/answers").asInt());
        assertEquals(120, usage.at("/total/total_tokens").asInt());
        assertEquals(alice.id(), usage.at("/by_user/0/user_id").asText());
    }

    @Test
    void noMentionNoAnswerUnlessTheRoomSaysAlways() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            int before = openRouter.requests().size();
            say(alice, roomId, "just chatting, mail me at x@robo.com");
            a.assertNone(f -> f.path("type").asText().startsWith("ai_"), Duration.ofMillis(500));
            assertEquals(before, openRouter.requests().size());

            api.put("/api/rooms/" + roomId, alice.token(), obj("settings", Map.of("ai_mode", "always")));
            openRouter.enqueue(SseScript.answer("Always here."));
            say(alice, roomId, "anyone?");
            assertTrue(types(answerFrames(a)).contains("ai_stream_end"));

            api.put("/api/rooms/" + roomId, alice.token(), obj("settings", Map.of("ai_mode", "off")));
            say(alice, roomId, "@robo are you there?");
            a.assertNone(f -> f.path("type").asText().startsWith("ai_"), Duration.ofMillis(500));
        }
    }

    @Test
    void aiStopFrameKeepsThePartialAnswer() {
        TestUser alice = user();
        TestUser bob = user();
        String roomId = Rooms.publicRoom(api, alice, bob);
        CountDownLatch never = new CountDownLatch(1);
        openRouter.enqueue(SseScript.stream().role().content("Partial thought").await(never).content(" never sent")
                .finish("stop").done());
        try (TestSocket a = TestSocket.connect(server, alice.token());
             TestSocket b = TestSocket.connect(server, bob.token())) {
            a.join(roomId);
            b.join(roomId);
            say(alice, roomId, "@ai think slowly");
            b.await(f -> "ai_stream_chunk".equals(f.path("type").asText()), Duration.ofSeconds(10));
            b.send(obj("type", "ai_stop", "room_id", roomId));
            JsonNode end = a.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertEquals("Partial thought", end.at("/message/content").asText());
            assertEquals("stopped", end.at("/message/ai/finish_reason").asText());
        } finally {
            never.countDown();
        }
        JsonNode history = api.get("/api/rooms/" + roomId + "/messages", alice.token()).body();
        assertEquals("Partial thought", history.get(history.size() - 1).get("content").asText());
    }

    @Test
    void clearingTheRoomStopsTheAnswerAndTheRoomGoesOn() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        CountDownLatch never = new CountDownLatch(1);
        openRouter.enqueue(SseScript.stream().role().content("About to be cleared").await(never).done());
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            say(alice, roomId, "@ai start talking");
            a.await(f -> "ai_stream_chunk".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertEquals(204, api.post("/api/rooms/" + roomId + "/clear", alice.token(), null).status());
            a.await(f -> "ai_typing".equals(f.path("type").asText()) && !f.get("is_typing").asBoolean(),
                    Duration.ofSeconds(10));
            assertEquals(0, api.get("/api/rooms/" + roomId + "/messages", alice.token()).body().size());

            openRouter.enqueue(SseScript.answer("Fresh start."));
            say(alice, roomId, "@ai again");
            JsonNode end = a.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertEquals("Fresh start.", end.at("/message/content").asText());
        } finally {
            never.countDown();
        }
    }

    @Test
    void upstreamErrorEndsWithASystemMessageAndTheRoomKeepsWorking() {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        openRouter.enqueue(FakeOpenRouter.error(502, "upstream exploded"));
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            say(alice, roomId, "@ai fail please");
            JsonNode end = a.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertEquals("system", end.at("/message/kind").asText());
            assertTrue(end.at("/message/content").asText().contains("502"), end.toString());

            openRouter.enqueue(SseScript.answer("Recovered."));
            say(alice, roomId, "@ai try again");
            JsonNode ok = a.await(f -> "ai_stream_end".equals(f.path("type").asText()), Duration.ofSeconds(10));
            assertEquals("Recovered.", ok.at("/message/content").asText());
        }
    }

    @Test
    void uploadedImagesReachTheModelAsDataUrls() throws Exception {
        TestUser alice = user();
        String roomId = Rooms.publicRoom(api, alice);
        byte[] png = Images.png();
        String url = Multipart.file("cat.png", "image/png", png).post(server, "/api/upload", alice.token())
                .body().get("url").asText();
        int before = openRouter.requests().size();
        openRouter.enqueue(SseScript.answer("A tiny picture."));
        assertEquals(201, api.post("/api/rooms/" + roomId + "/messages", alice.token(),
                obj("content", "@ai what is this?", "image_url", url)).status());
        String body = openRouter.request(before).body().toString();
        assertTrue(body.contains("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png)),
                "the image is inlined as a data URL");
    }
}
