package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Messages;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection that joins a room while the AI answers there sees the answer so far, then the rest. */
class LateJoinerTest {
    @RegisterExtension
    static final ServerExtension running = ServerExtension.withFakeOpenRouter();
    static final FakeOpenRouter openRouter = running.openRouter();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static boolean is(JsonNode frame, String type) {
        return type.equals(frame.path("type").asText());
    }

    /** Appends the deltas of {@code socket}'s chunk frames until the text is {@code text}. */
    static void readUntil(TestSocket socket, String text) {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().equals(text)) {
            seen.append(socket.await(f -> is(f, "ai_stream_chunk")).get("delta").asText());
        }
    }

    @Test
    void joiningMidAnswerGivesTheStartAndTheTextSoFarRightAfterJoined() {
        TestUser alice = running.newUser();
        TestUser bob = running.newUser();
        String roomId = Rooms.publicRoom(api, alice, bob);
        CountDownLatch rest = new CountDownLatch(1);
        openRouter.enqueue(SseScript.stream().role().content("The answer ").content("so far").await(rest)
                .content(", and the rest.").finish("stop").usage(10, 5, null).done());
        try (TestSocket a = TestSocket.connect(server, alice.token());
             TestSocket b = TestSocket.connect(server, bob.token())) {
            a.join(roomId);
            Messages.say(api, alice, roomId, "@ai tell me");
            String streamId = a.await(f -> is(f, "ai_stream_start")).get("stream_id").asText();
            readUntil(a, "The answer so far");

            b.send(Api.obj("type", "join_room", "room_id", roomId));
            JsonNode joined = b.await(f -> true);
            assertEquals("joined", joined.get("type").asText(), joined.toString());
            JsonNode start = b.await(f -> true);
            assertEquals("ai_stream_start", start.get("type").asText(), start.toString());
            assertEquals(streamId, start.get("stream_id").asText());
            assertEquals(roomId, start.get("room_id").asText());
            JsonNode soFar = b.await(f -> true);
            assertEquals("ai_stream_chunk", soFar.get("type").asText(), soFar.toString());
            assertEquals(streamId, soFar.get("stream_id").asText());
            assertEquals("The answer so far", soFar.get("delta").asText());

            rest.countDown();
            StringBuilder text = new StringBuilder(soFar.get("delta").asText());
            JsonNode frame;
            while (!is(frame = b.await(f -> is(f, "ai_stream_chunk") || is(f, "ai_stream_end")), "ai_stream_end")) {
                text.append(frame.get("delta").asText());
            }
            assertEquals("The answer so far, and the rest.", text.toString());
            assertEquals(text.toString(), frame.at("/message/content").asText());
            assertEquals(streamId, frame.get("stream_id").asText());
        } finally {
            rest.countDown();
        }
    }

    @Test
    void joiningAfterTheAnswerEndedReplaysNothing() {
        TestUser alice = running.newUser();
        String roomId = Rooms.publicRoom(api, alice);
        openRouter.enqueue(SseScript.answer("Done."));
        try (TestSocket a = TestSocket.connect(server, alice.token())) {
            a.join(roomId);
            Messages.say(api, alice, roomId, "@ai quick one");
            a.await(f -> is(f, "ai_typing") && !f.get("is_typing").asBoolean(), Duration.ofSeconds(10));
        }
        try (TestSocket late = TestSocket.connect(server, alice.token())) {
            late.join(roomId);
            late.assertNone(f -> f.path("type").asText().startsWith("ai_"), Duration.ofMillis(300));
        }
    }
}
