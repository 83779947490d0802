package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.testsupport.Upload;
import groupchat.testsupport.RawHttp;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded bad inputs at every route and every WebSocket frame type: never a 500,
 * never a stack trace, never a forged token let through, no request thread left hanging, and
 * the data stored before is untouched. Reproduce a run with -Dfuzz.seed=<the printed seed>.
 */
@Tag("slow")
class FuzzTest {
    private static final int HTTP_INPUTS = 2500;
    private static final int WS_FRAMES = 600;

    private enum Body { NONE, JSON, MULTIPART }

    private record Route(String method, String template, Body body) {}

    private static final List<Route> ROUTES = List.of(
            new Route("POST", "/api/auth/register", Body.JSON), new Route("POST", "/api/auth/login", Body.JSON),
            new Route("GET", "/api/auth/me", Body.NONE), new Route("PUT", "/api/auth/profile", Body.JSON),
            new Route("POST", "/api/auth/avatar", Body.MULTIPART),
            new Route("POST", "/api/auth/nostr/challenge", Body.JSON),
            new Route("POST", "/api/auth/nostr/verify", Body.JSON), new Route("GET", "/api/rooms", Body.NONE),
            new Route("GET", "/api/rooms?public={id}", Body.NONE), new Route("POST", "/api/rooms", Body.JSON),
            new Route("GET", "/api/rooms/{room}", Body.NONE), new Route("PUT", "/api/rooms/{room}", Body.JSON),
            new Route("DELETE", "/api/rooms/{room}", Body.NONE),
            new Route("GET", "/api/rooms/{room}/messages?limit={id}&before={id}", Body.NONE),
            new Route("GET", "/api/rooms/{room}/messages?after={id}", Body.NONE),
            new Route("POST", "/api/rooms/{room}/messages", Body.JSON),
            new Route("PUT", "/api/rooms/{room}/members/{user}", Body.JSON),
            new Route("DELETE", "/api/rooms/{room}/members/{user}", Body.NONE),
            new Route("POST", "/api/rooms/{room}/join", Body.JSON), new Route("POST", "/api/rooms/{room}/clear", Body.JSON),
            new Route("GET", "/api/rooms/{room}/usage", Body.NONE), new Route("GET", "/api/messages/hash/{id}", Body.NONE),
            new Route("GET", "/api/models", Body.NONE), new Route("POST", "/api/invites", Body.JSON),
            new Route("GET", "/api/invites?room_id={room}", Body.NONE), new Route("GET", "/api/invites/{id}", Body.NONE),
            new Route("POST", "/api/invites/{id}/accept", Body.JSON), new Route("DELETE", "/api/invites/{id}", Body.NONE),
            new Route("POST", "/api/invites/nostr", Body.JSON), new Route("POST", "/api/upload", Body.MULTIPART),
            new Route("GET", "/uploads/{id}", Body.NONE), new Route("GET", "/uploads/chat-images/{id}", Body.NONE),
            new Route("GET", "/api/health", Body.NONE), new Route("GET", "/{id}", Body.NONE),
            new Route("PATCH", "/api/rooms/{room}", Body.JSON), new Route("POST", "/api/{id}", Body.JSON),
            new Route("PATCH", "/api/rooms/{room}/messages/{id}", Body.JSON),
            new Route("DELETE", "/api/rooms/{room}/messages/{id}", Body.NONE),
            new Route("PUT", "/api/rooms/{room}/messages/{id}/reactions/{id}", Body.NONE),
            new Route("DELETE", "/api/rooms/{room}/messages/{id}/reactions/{id}", Body.NONE),
            new Route("POST", "/api/rooms/{room}/read", Body.JSON),
            new Route("GET", "/api/search?q={id}&room_id={room}&limit={id}", Body.NONE),
            new Route("GET", "/api/search?q={id}", Body.NONE), new Route("POST", "/api/dms", Body.JSON));
    /** Routes that need no token; every other /api route must refuse a forged one. */
    private static final List<String> PUBLIC = List.of("/api/auth/register", "/api/auth/login",
            "/api/auth/nostr/challenge", "/api/invites/{id}", "/api/health");

    @Test
    void thousandsOfBadInputsNeverBreakTheServer() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        // The seed goes into any failure's message too: a CI log may keep only the failure.
        try {
            fuzz(seed);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "): " + e, e);
        }
    }

    private static void fuzz(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            TestUser bob = api.register("bob");
            TestUser mallory = api.register("mallory");
            String keep = api.post("/api/rooms", bob.token(), Api.obj("name", "keep", "description", "precious"))
                    .body().get("id").asText();
            String keepInvite = api.post("/api/invites", bob.token(), Api.obj("room_id", keep)).body().get("token").asText();
            api.post("/api/invites/" + keepInvite + "/accept", mallory.token(), null);
            String spare = api.post("/api/rooms", mallory.token(), Api.obj("name", "spare")).body().get("id").asText();
            String spareInvite = api.post("/api/invites", mallory.token(), Api.obj("room_id", spare)).body().get("token").asText();
            for (int i = 0; i < 5; i++) {
                api.post("/api/rooms/" + keep + "/messages", (i % 2 == 0 ? bob : mallory).token(),
                        Api.obj("content", "stored before the fuzz " + i));
            }
            String image = Upload.png(server, "/api/upload", mallory.token()).body().get("url").asText();
            JsonNode roomBefore = api.get("/api/rooms/" + keep, bob.token()).body();
            JsonNode messagesBefore = api.get("/api/rooms/" + keep + "/messages", bob.token()).body();
            JsonNode bobBefore = api.get("/api/auth/me", bob.token()).body();
            String message = messagesBefore.get(0).get("id").asText();
            String hash = messagesBefore.get(0).get("hash").asText();

            FuzzInputs inputs = new FuzzInputs(random, List.of(keep, spare, message, hash, image, keepInvite,
                    spareInvite, bob.id(), "mallory", "bob", "password123", "mention", "admin", "member", keep + "x"));
            List<String> forged = forgedTokens(mallory.token(), bob.id());
            byte[] png = Upload.png();

            for (int n = 0; n < HTTP_INPUTS; n++) {
                Route route = inputs.pick(ROUTES);
                String target = route.template().replace("{room}", inputs.nextInt(3) == 0 ? inputs.idSegment()
                        : inputs.pick(List.of(keep, spare)));
                target = target.replace("{user}", inputs.nextInt(2) == 0 ? bob.id() : inputs.idSegment());
                while (target.contains("{id}")) target = target.replaceFirst("\\{id}", inputs.idSegment());
                Map<String, String> headers = new HashMap<>();
                int who = inputs.nextInt(10);
                boolean isForged = who >= 8;
                if (who < 7) headers.put("Authorization", "Bearer " + mallory.token());
                else if (isForged) headers.put("Authorization", inputs.pick(forged));
                byte[] body = null;
                switch (route.body()) {
                    case JSON -> {
                        ObjectNode object = inputs.object(0);
                        String json = object.toString();
                        int shape = inputs.nextInt(4);
                        body = shape == 0 ? inputs.rawBody(json) : json.getBytes(StandardCharsets.UTF_8);
                        headers.put("Content-Type", inputs.pick(List.of("application/json", "application/json",
                                "text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded")));
                    }
                    case MULTIPART -> {
                        Object[] multipart = inputs.badMultipart(png);
                        body = (byte[]) multipart[0];
                        headers.put("Content-Type", (String) multipart[1]);
                    }
                    case NONE -> body = inputs.nextInt(5) == 0 ? inputs.rawBody("{}") : null;
                }
                RawHttp.Response r = RawHttp.send(server.port(), route.method(), target, headers, body);
                statuses.merge(String.valueOf(r.status()), 1, Integer::sum);
                String where = route.method() + " " + cut(target) + " -> " + r.status() + " " + cut(r.body());
                if (r.status() >= 500) problems.add("server error: " + where);
                if (looksLikeInternals(r.body())) problems.add("internals in the body: " + where);
                boolean isApi = target.startsWith("/api/");
                if (isApi && r.status() >= 400 && !(r.body().contains("\"code\"")
                        && r.header("Content-Type").startsWith("application/json"))) {
                    problems.add("error without the JSON shape: " + where);
                }
                if (isForged && isApi && !PUBLIC.contains(route.template()) && r.status() < 300) {
                    problems.add("forged token accepted: " + where);
                }
            }

            long httpDone = System.nanoTime();
            int framesSent = fuzzFrames(server, mallory, keep, inputs, problems);
            long framesDone = System.nanoTime();
            int protocolFaults = new WebSocketFaults(server.port(), mallory.token(), random).run(problems);
            System.out.printf("FuzzTest timing: frames %d ms, faults %d ms%n", (framesDone - httpDone) / 1_000_000,
                    (System.nanoTime() - framesDone) / 1_000_000);

            assertEquals(200, api.get("/api/health", null).status());
            // Mallory may change her own profile (it shows in the member list); everything else must be as it was.
            JsonNode roomAfter = api.get("/api/rooms/" + keep, bob.token()).body();
            assertEquals(withoutMembers(roomBefore), withoutMembers(roomAfter), "the room changed");
            assertEquals(memberIds(roomBefore), memberIds(roomAfter), "the members changed");
            assertEquals(roomBefore.get("members").get(0), roomAfter.get("members").get(0), "the owner changed");
            JsonNode messagesAfter = api.get("/api/rooms/" + keep + "/messages?limit=5&after=" + message, bob.token()).body();
            for (int i = 1; i < messagesBefore.size(); i++) {
                assertEquals(stored(messagesBefore.get(i), mallory), stored(messagesAfter.get(i - 1), mallory),
                        "a stored message changed");
            }
            assertEquals(stored(messagesBefore.get(0), mallory),
                    stored(api.get("/api/messages/hash/" + hash, bob.token()).body(), mallory));
            assertEquals(bobBefore, api.get("/api/auth/me", bob.token()).body());
            assertEquals(200, api.post("/api/auth/login", null, Api.obj("username", "bob", "password", "password123"))
                    .status());
            assertNoRequestThreadStuck();
            System.out.printf("FuzzTest: %d HTTP inputs (statuses %s), %d WebSocket frames, %d protocol faults;"
                    + " seed %d%n", HTTP_INPUTS, statuses, framesSent, protocolFaults, seed);
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n"
                + String.join("\n", problems.subList(0, Math.min(40, problems.size()))).replace("\n<", " <"));
    }

    /** Well-formed frames with bad contents, of every type, over one connection that must stay usable. */
    private static int fuzzFrames(TestServer server, TestUser user, String room, FuzzInputs inputs,
                                  List<String> problems) {
        List<String> types = List.of("join_room", "leave_room", "typing", "send_message", "ping", "ai_stop",
                "nonsense", "");
        int sent = 0;
        try (TestSocket socket = TestSocket.connect(server, user.token())) {
            socket.join(room);
            for (int i = 0; i < WS_FRAMES; i++) {
                String text;
                if (inputs.nextInt(6) == 0) {
                    text = new String(inputs.rawBody("{\"type\":\"ping\"}"), StandardCharsets.UTF_8);
                } else {
                    ObjectNode frame = inputs.object(0);
                    if (inputs.nextInt(5) > 0) frame.put("type", inputs.pick(types));
                    if (inputs.nextInt(3) > 0) frame.put("room_id", room);
                    text = frame.toString();
                }
                // Under the 64 KiB frame limit, cut in bytes: a cut in chars could split a surrogate pair,
                // which the client cannot encode at all; a split UTF-8 sequence decodes to U+FFFD instead.
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                if (utf8.length > 60_000) text = new String(utf8, 0, 60_000, StandardCharsets.UTF_8);
                socket.send(text);
                sent++;
            }
            socket.send(Api.obj("type", "ping"));
            JsonNode pong = socket.await(f -> "pong".equals(f.path("type").asText())
                    || "internal".equals(f.path("code").asText()), Duration.ofSeconds(30));
            if (!"pong".equals(pong.path("type").asText())) problems.add("internal error frame: " + pong);
            if (socket.closed().isDone()) problems.add("the socket was closed: " + socket.closed().join());
        }
        return sent;
    }

    private static List<String> forgedTokens(String real, String victimId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String victimPayload = payload.replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + victimId + "\"");
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(victimPayload.getBytes(StandardCharsets.UTF_8)) + ".";
        String wrongKey = JWT.create().withIssuer("groupchat2").withSubject(victimId).withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(3600))
                .sign(Algorithm.HMAC256("not-the-server-secret-but-long-enough-000"));
        String swapped = parts[0] + "." + b64.encodeToString(victimPayload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        return List.of("Bearer " + none, "Bearer " + wrongKey, "Bearer " + swapped, "Bearer", "Bearer ",
                "Basic Ym9iOnBhc3N3b3JkMTIz", "Bearer " + real.substring(0, real.length() - 2),
                "Bearer " + "a".repeat(6000), "Bearer " + parts[0] + ".." + parts[2]);
    }

    private static void assertNoRequestThreadStuck() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> busy;
        do {
            busy = new ArrayList<>();
            for (var entry : Thread.getAllStackTraces().entrySet()) {
                if (!entry.getKey().getName().startsWith("JettyServerThreadPool")) continue;
                for (StackTraceElement frame : entry.getValue()) {
                    if (frame.getClassName().startsWith("groupchat.")) {
                        busy.add(entry.getKey().getName() + " in " + frame);
                        break;
                    }
                }
            }
            if (!busy.isEmpty()) Thread.sleep(100);
        } while (!busy.isEmpty() && System.nanoTime() < deadline);
        assertTrue(busy.isEmpty(), "request threads still inside the server: " + busy);
    }

    /**
     * A message as stored; the sender's display name and avatar are joined in from the (mutable)
     * profile. Mallory may react to any message of a room she is in, and an input can be a valid
     * reaction (any 1-32 characters are an emoji): her reactions are left out, anyone else's stay.
     */
    private static JsonNode stored(JsonNode message, TestUser mallory) {
        ObjectNode copy = message.deepCopy();
        copy.remove(List.of("display_name", "avatar_url"));
        ArrayNode reactions = copy.putArray("reactions");
        for (JsonNode reaction : message.path("reactions")) {
            ObjectNode others = reaction.deepCopy();
            ArrayNode users = others.putArray("user_ids");
            for (JsonNode id : reaction.path("user_ids")) if (!id.asText().equals(mallory.id())) users.add(id);
            others.put("count", users.size());
            if (!users.isEmpty()) reactions.add(others);
        }
        return copy;
    }

    /** The room without its members and without Bob's unread count, which Mallory's valid posts move. */
    private static JsonNode withoutMembers(JsonNode room) {
        ObjectNode copy = room.deepCopy();
        copy.remove(List.of("members", "unread_count"));
        return copy;
    }

    private static List<String> memberIds(JsonNode room) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : room.get("members")) ids.add(m.get("user").get("id").asText() + ":" + m.get("role").asText());
        return ids;
    }

    static boolean looksLikeInternals(String body) {
        return body.contains("Exception") || body.contains("\tat ") || body.contains("at groupchat.")
                || body.contains("org.eclipse.jetty") || body.contains("java.lang") || body.contains("SQLITE")
                || body.contains("SELECT ") || body.contains("INSERT ");
    }

    private static String cut(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
