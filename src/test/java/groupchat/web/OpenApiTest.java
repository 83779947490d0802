package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/openapi.json} describes every route the server has. */
class OpenApiTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension(Map.of("METRICS", "on"));
    static final TestServer server = running.server();

    static JsonNode document() {
        Api.Response response = server.api().get("/api/openapi.json", null);
        assertEquals(200, response.status(), "served without a token");
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        return response.body();
    }

    /** Javalin's {@code {room_id}} / {@code <path>} / trailing {@code *} as an OpenAPI template, names dropped. */
    static String template(String path) {
        return path.replaceAll("\\{[^}]*}|<[^>]*>", "{}").replaceAll("\\*$", "{}");
    }

    @Test
    void everyRouteOfTheServerIsDescribed() {
        JsonNode paths = document().get("paths");
        List<String> described = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    described.add(method.toUpperCase(Locale.ROOT) + " " + template(path.getKey())));
        }
        List<String> routes = server.routes();
        assertTrue(routes.size() > 30, routes.toString());
        List<String> missing = routes.stream()
                .map(route -> route.substring(0, route.indexOf(' ') + 1) + template(route.substring(route.indexOf(' ') + 1)))
                .filter(route -> !described.contains(route)).toList();
        assertEquals(List.of(), missing, "routes the OpenAPI document does not describe");
    }

    @Test
    void isOpenApi31WithTheErrorShapeAndTheWebSocketFrames() {
        JsonNode doc = document();
        assertEquals("3.1.0", doc.get("openapi").asText());
        JsonNode error = doc.at("/components/schemas/Error");
        assertEquals(List.of("error", "code"), List.of(error.at("/required/0").asText(), error.at("/required/1").asText()));
        String ws = doc.at("/paths/~1ws/get/description").asText();
        for (String frame : List.of("join_room", "send_message", "new_message", "ai_stream_chunk", "ai_stream_end",
                "member_joined", "error")) {
            assertTrue(ws.contains(frame), frame);
        }
        assertTrue(doc.at("/paths/~1api~1health/get/security").isArray(), "public routes say they need no token");
        assertTrue(doc.at("/paths/~1api~1rooms~1{room_id}~1usage/get/responses/200").isObject());
    }
}
