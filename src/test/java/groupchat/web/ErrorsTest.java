package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorsTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    @Test
    void healthAnswersWithoutAuth() {
        Response r = api.get("/api/health", null);
        assertEquals(200, r.status());
        assertEquals("ok", r.body().get("status").asText());
        assertEquals("ok", r.body().get("db").asText());
        assertEquals("off", r.body().get("ai").asText());
        assertEquals("off", r.body().get("search").asText());
        assertFalse(r.body().get("version").asText().isEmpty());
    }

    @Test
    void unknownApiRouteIsJson404() {
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            Response r = api.send(method, "/api/nope/nothing", null, null, null);
            assertEquals(404, r.status(), method);
            assertEquals("not_found", r.body().get("code").asText());
        }
    }

    @Test
    void knownPathWithAnotherMethodIs405NamingTheMethodsItServes() {
        Response login = api.send("GET", "/api/auth/login", null, null, null);
        assertEquals(405, login.status(), login.toString());
        assertEquals("method_not_allowed", login.body().get("code").asText());
        assertEquals("POST", login.header("Allow"));
        Response invite = api.send("PATCH", "/api/invites/some-token/", null, null, null);
        assertEquals(405, invite.status());
        assertEquals("DELETE, GET", invite.header("Allow"));
        Response room = api.send("PATCH", "/api/rooms/any-room", null, null, null);
        assertEquals("DELETE, GET, PUT", room.header("Allow"));
        assertEquals(405, api.send("POST", "/uploads/avatars/x.png", null, null, null).status());
    }

    @Test
    void aFieldTheRouteDoesNotKnowIs400NamingIt() {
        var alice = running.newUser();
        String room = api.post("/api/rooms", alice.token(), Api.obj("name", "typos")).body().get("id").asText();
        Response invite = api.post("/api/invites", alice.token(), Api.obj("room_id", room, "expires_in", 24));
        assertEquals(400, invite.status(), invite.toString());
        assertEquals("invalid_request", invite.body().get("code").asText());
        assertTrue(invite.body().get("error").asText().contains("'expires_in'"), invite.toString());
        assertEquals(0, api.get("/api/invites?room_id=" + room, alice.token()).body().size(), "nothing was created");

        Response settings = api.put("/api/rooms/" + room, alice.token(),
                Api.obj("settings", Api.obj("ai_mod", "off")));
        assertEquals(400, settings.status());
        assertTrue(settings.body().get("error").asText().contains("'settings.ai_mod'"), settings.toString());
        Response join = api.post("/api/rooms/" + room + "/join", alice.token(), Api.obj("room", room));
        assertEquals(400, join.status());
        assertTrue(join.body().get("error").asText().contains("'room'"));
        Response login = api.post("/api/auth/login", null, Api.obj("username", "a", "password", "b", "remember", true));
        assertEquals(400, login.status());
        assertTrue(login.body().get("error").asText().contains("'remember'"));
        assertEquals(201, api.post("/api/rooms/" + room + "/messages", alice.token(),
                Api.obj("content", "known fields only", "client_msg_id", "c1")).status());
    }

    @Test
    void malformedJsonIs400() {
        Response r = api.sendRaw("POST", "/api/auth/login", null, "{\"username\":".getBytes(), "application/json");
        assertEquals(400, r.status());
        assertEquals("invalid_request", r.body().get("code").asText());
        Response array = api.sendRaw("POST", "/api/auth/login", null, "[1,2]".getBytes(), "application/json");
        assertEquals(400, array.status());
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Response r = api.sendRaw("POST", "/api/auth/register", null, body, "application/json");
        assertEquals(400, r.status(), r.toString());
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        Response r = api.sendRaw("POST", "/api/auth/login", null, deep.getBytes(), "application/json");
        assertEquals(400, r.status());
        assertFalse(r.text().contains("Exception"));
    }

    @Test
    void oversizedBodyIs413() {
        byte[] big = ("{\"username\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Response r = api.sendRaw("POST", "/api/auth/login", null, big, "application/json");
        assertEquals(413, r.status());
        assertEquals("too_large", r.body().get("code").asText());
    }

    @Test
    void wrongTypeNamesTheField() {
        Response r = api.post("/api/auth/login", null, "{\"username\": [\"a\"], \"password\": 1}");
        assertEquals(400, r.status());
        assertTrue(r.body().get("error").asText().contains("username"));
    }
}
