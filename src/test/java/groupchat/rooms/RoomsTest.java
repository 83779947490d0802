package groupchat.rooms;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RoomsTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static TestUser user() {
        return running.newUser();
    }

    static JsonNode room(TestUser owner, Object body) {
        var r = api.post("/api/rooms", owner.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.body();
    }

    @Test
    void creatorIsOwnerWithDefaults() {
        TestUser owner = user();
        JsonNode room = room(owner, obj("name", "  General  "));
        assertEquals("General", room.get("name").asText());
        assertEquals("", room.get("description").asText());
        assertFalse(room.get("is_public").asBoolean());
        assertEquals(owner.id(), room.get("created_by").asText());
        assertEquals(1, room.get("member_count").asInt());
        assertEquals("owner", room.get("my_role").asText());
        assertEquals("mention", room.at("/settings/ai_mode").asText());
        assertTrue(room.at("/settings/ai_model").isNull());
        assertTrue(room.at("/settings/ai_web_search").asBoolean());

        JsonNode detail = api.get("/api/rooms/" + room.get("id").asText(), owner.token()).body();
        assertEquals(1, detail.get("members").size());
        assertEquals("owner", detail.at("/members/0/role").asText());
        assertEquals(owner.id(), detail.at("/members/0/user/id").asText());
    }

    @Test
    void roomFieldsAreValidated() {
        TestUser owner = user();
        assertEquals(400, api.post("/api/rooms", owner.token(), obj("name", "   ")).status());
        assertEquals(400, api.post("/api/rooms", owner.token(), obj("name", "x".repeat(101))).status());
        assertEquals(201, api.post("/api/rooms", owner.token(), obj("name", "x".repeat(100))).status());
        assertEquals(400, api.post("/api/rooms", owner.token(), obj("name", "a", "description", "d".repeat(1001)))
                .status());
        assertEquals(400, api.post("/api/rooms", owner.token(), obj("name", "a", "is_public", "yes")).status());
        assertEquals(400, api.post("/api/rooms", owner.token(),
                obj("name", "a", "settings", Map.of("ai_mode", "sometimes"))).status());
        assertEquals(400, api.post("/api/rooms", owner.token(), obj("name", 5)).status());
        assertEquals(401, api.post("/api/rooms", null, obj("name", "a")).status());
    }

    @Test
    void listsMineAndPublic() {
        TestUser a = user();
        TestUser b = user();
        String priv = room(a, obj("name", "private")).get("id").asText();
        String pub = room(a, obj("name", "public", "is_public", true)).get("id").asText();
        JsonNode mine = api.get("/api/rooms", a.token()).body();
        assertTrue(contains(mine, priv) && contains(mine, pub));
        JsonNode bMine = api.get("/api/rooms", b.token()).body();
        assertFalse(contains(bMine, priv) || contains(bMine, pub));
        JsonNode bPublic = api.get("/api/rooms?public=true", b.token()).body();
        assertTrue(contains(bPublic, pub));
        assertFalse(contains(bPublic, priv));
    }

    @Test
    void privateRoomIsInvisibleToStrangers() {
        TestUser owner = user();
        TestUser stranger = user();
        String id = room(owner, obj("name", "secret")).get("id").asText();
        assertEquals(404, api.get("/api/rooms/" + id, stranger.token()).status());
        assertEquals(404, api.put("/api/rooms/" + id, stranger.token(), obj("name", "x")).status());
        assertEquals(404, api.delete("/api/rooms/" + id, stranger.token()).status());
        assertEquals(404, api.get("/api/rooms/" + id + "/messages", stranger.token()).status());
        assertEquals(404, api.post("/api/rooms/" + id + "/messages", stranger.token(), obj("content", "hi")).status());
        assertEquals(404, api.post("/api/rooms/" + id + "/clear", stranger.token(), null).status());
        assertEquals(403, api.post("/api/rooms/" + id + "/join", stranger.token(), null).status());
        assertEquals(404, api.get("/api/rooms/does-not-exist", stranger.token()).status());
    }

    @Test
    void publicRoomIsVisibleButMessagesNeedMembership() {
        TestUser owner = user();
        TestUser visitor = user();
        String id = room(owner, obj("name", "lobby", "is_public", true)).get("id").asText();
        JsonNode seen = api.get("/api/rooms/" + id, visitor.token()).body();
        assertTrue(seen.get("my_role").isNull());
        assertEquals(403, api.get("/api/rooms/" + id + "/messages", visitor.token()).status());
        assertEquals(403, api.post("/api/rooms/" + id + "/messages", visitor.token(), obj("content", "hi")).status());

        JsonNode joined = api.post("/api/rooms/" + id + "/join", visitor.token(), null).body();
        assertEquals("member", joined.get("my_role").asText());
        assertEquals(2, joined.get("member_count").asInt());
        JsonNode again = api.post("/api/rooms/" + id + "/join", visitor.token(), null).body();
        assertEquals(2, again.get("member_count").asInt(), "join is idempotent");
        assertEquals(201, api.post("/api/rooms/" + id + "/messages", visitor.token(), obj("content", "hi")).status());
        // The owner joining again keeps the owner role.
        assertEquals("owner", api.post("/api/rooms/" + id + "/join", owner.token(), null).body()
                .get("my_role").asText());
    }

    @Test
    void settingsAreMergedFieldByField() {
        TestUser owner = user();
        String id = room(owner, obj("name", "ai", "settings", Map.of("ai_model", "x/model"))).get("id").asText();
        JsonNode updated = api.put("/api/rooms/" + id, owner.token(),
                obj("settings", Map.of("ai_mode", "always", "ai_system_prompt", "Be brief"))).body();
        assertEquals("always", updated.at("/settings/ai_mode").asText());
        assertEquals("x/model", updated.at("/settings/ai_model").asText());
        assertEquals("Be brief", updated.at("/settings/ai_system_prompt").asText());
        assertEquals("ai", updated.get("name").asText());
        JsonNode web = api.put("/api/rooms/" + id, owner.token(), obj("settings", Map.of("ai_web_search", false),
                "description", "about", "is_public", true)).body();
        assertFalse(web.at("/settings/ai_web_search").asBoolean());
        assertEquals("always", web.at("/settings/ai_mode").asText());
        assertEquals("about", web.get("description").asText());
        assertTrue(web.get("is_public").asBoolean());
        JsonNode reset = api.put("/api/rooms/" + id, owner.token(), "{\"settings\":{\"ai_model\":null}}").body();
        assertTrue(reset.at("/settings/ai_model").isNull());
    }

    @Test
    void rolesDecideWhoMayChangeTheRoom() {
        TestUser owner = user();
        TestUser admin = user();
        TestUser member = user();
        String id = room(owner, obj("name", "team", "is_public", true)).get("id").asText();
        api.post("/api/rooms/" + id + "/join", admin.token(), null);
        api.post("/api/rooms/" + id + "/join", member.token(), null);

        assertEquals(403, api.put("/api/rooms/" + id + "/members/" + member.id(), admin.token(),
                obj("role", "admin")).status(), "only the owner changes roles");
        var promoted = api.put("/api/rooms/" + id + "/members/" + admin.id(), owner.token(), obj("role", "admin"));
        assertEquals(200, promoted.status());
        assertEquals("admin", promoted.body().get("role").asText());
        assertEquals(admin.id(), promoted.body().at("/user/id").asText());
        assertEquals(400, api.put("/api/rooms/" + id + "/members/" + admin.id(), owner.token(),
                obj("role", "king")).status());

        assertEquals(403, api.put("/api/rooms/" + id, member.token(), obj("name", "mine")).status());
        assertEquals(200, api.put("/api/rooms/" + id, admin.token(), obj("name", "renamed")).status());
        assertEquals(403, api.post("/api/rooms/" + id + "/clear", member.token(), null).status());
        assertEquals(204, api.post("/api/rooms/" + id + "/clear", admin.token(), null).status());
        assertEquals(403, api.delete("/api/rooms/" + id, admin.token()).status());

        assertEquals(403, api.delete("/api/rooms/" + id + "/members/" + admin.id(), member.token()).status());
        assertEquals(403, api.delete("/api/rooms/" + id + "/members/" + owner.id(), admin.token()).status());
        assertEquals(204, api.delete("/api/rooms/" + id + "/members/" + member.id(), admin.token()).status());
        assertEquals(403, api.get("/api/rooms/" + id + "/messages", member.token()).status());

        assertEquals(204, api.delete("/api/rooms/" + id, owner.token()).status());
        assertEquals(404, api.get("/api/rooms/" + id, owner.token()).status());
    }

    @Test
    void lastOwnerCannotLeaveUntilOwnershipIsHandedOver() {
        TestUser owner = user();
        TestUser heir = user();
        String id = room(owner, obj("name", "heritage", "is_public", true)).get("id").asText();
        api.post("/api/rooms/" + id + "/join", heir.token(), null);
        var refused = api.delete("/api/rooms/" + id + "/members/" + owner.id(), owner.token());
        assertEquals(409, refused.status());
        assertEquals("conflict", refused.body().get("code").asText());
        assertEquals(409, api.put("/api/rooms/" + id + "/members/" + owner.id(), owner.token(),
                obj("role", "member")).status());

        assertEquals(200, api.put("/api/rooms/" + id + "/members/" + heir.id(), owner.token(),
                obj("role", "owner")).status());
        assertEquals(204, api.delete("/api/rooms/" + id + "/members/" + owner.id(), owner.token()).status());
        JsonNode room = api.get("/api/rooms/" + id, heir.token()).body();
        assertEquals(1, room.get("member_count").asInt());
        assertEquals("owner", room.get("my_role").asText());
    }

    @Test
    void memberCanLeave() {
        TestUser owner = user();
        TestUser guest = user();
        String id = room(owner, obj("name", "short stay", "is_public", true)).get("id").asText();
        api.post("/api/rooms/" + id + "/join", guest.token(), null);
        assertEquals(204, api.delete("/api/rooms/" + id + "/members/" + guest.id(), guest.token()).status());
        assertFalse(contains(api.get("/api/rooms", guest.token()).body(), id));
        assertEquals(404, api.delete("/api/rooms/" + id + "/members/" + guest.id(), owner.token()).status());
    }

    static boolean contains(JsonNode rooms, String id) {
        for (JsonNode room : rooms) if (room.get("id").asText().equals(id)) return true;
        return false;
    }
}
