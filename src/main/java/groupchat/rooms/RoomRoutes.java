package groupchat.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import io.javalin.http.Context;
import java.util.Optional;

/** Rooms and members over HTTP: the request's shape in, the service's answer out. */
public final class RoomRoutes {
    private static final String[] ROOM_FIELDS = {"name", "description", "is_public", "settings"};
    private static final String[] SETTINGS_FIELDS = {"ai_mode", "ai_model", "ai_system_prompt", "ai_web_search",
        "ai_budget_usd"};

    private final RoomService rooms;
    private final ObjectMapper json;

    public RoomRoutes(RoomService rooms, ObjectMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    public void list(Context ctx) {
        if (!"true".equalsIgnoreCase(ctx.queryParam("public"))) {
            ctx.json(rooms.list(Authenticator.user(ctx)));
            return;
        }
        ctx.json(rooms.listPublic(Authenticator.user(ctx), PublicRoomQuery.parse(ctx.queryParam("q"),
                ctx.queryParam("limit"), ctx.queryParam("offset"))));
    }

    public void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, ROOM_FIELDS);
        CreateRoom command = new CreateRoom(body.optionalString("name"), body.optionalString("description"),
                Boolean.TRUE.equals(body.optionalBoolean("is_public")), settings(body));
        ctx.status(201).json(rooms.create(Authenticator.user(ctx), command));
    }

    public void get(Context ctx) {
        ctx.json(rooms.get(Authenticator.user(ctx), ctx.pathParam("room_id")));
    }

    public void update(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, ROOM_FIELDS);
        UpdateRoom command = new UpdateRoom(body.optionalString("name"), body.optionalString("description"),
                body.optionalBoolean("is_public"), settings(body));
        ctx.json(rooms.update(Authenticator.user(ctx), ctx.pathParam("room_id"), command));
    }

    public void delete(Context ctx) {
        rooms.delete(Authenticator.user(ctx), ctx.pathParam("room_id"));
        ctx.status(204);
    }

    public void join(Context ctx) {
        JsonBody.of(ctx, json);
        ctx.json(rooms.join(Authenticator.user(ctx), ctx.pathParam("room_id")));
    }

    public void clear(Context ctx) {
        JsonBody.of(ctx, json);
        rooms.clear(Authenticator.user(ctx), ctx.pathParam("room_id"));
        ctx.status(204);
    }

    public void setRole(Context ctx) {
        String role = JsonBody.of(ctx, json, "role").requiredString("role");
        ctx.json(rooms.setRole(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("user_id"),
                role(role)));
    }

    public void removeMember(Context ctx) {
        rooms.removeMember(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("user_id"));
        ctx.status(204);
    }

    private static SettingsPatch settings(JsonBody body) {
        JsonBody patch = body.optionalObject("settings", SETTINGS_FIELDS);
        if (patch == null) return null;
        return new SettingsPatch(patch.optionalString("ai_mode"), resettable(patch, "ai_model"),
                resettable(patch, "ai_system_prompt"), patch.optionalBoolean("ai_web_search"), budget(patch));
    }

    /** The owner's monthly budget: absent keeps it, null removes it, else a number of USD, 0 or more. */
    private static Optional<Double> budget(JsonBody settings) {
        if (!settings.present("ai_budget_usd")) return null;
        JsonNode value = settings.raw("ai_budget_usd");
        if (value.isNull()) return Optional.empty();
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw ApiError.badRequest("Field 'settings.ai_budget_usd' must be a number of USD, 0 or more, or null");
        }
        return Optional.of(value.doubleValue());
    }

    /** Absent: null (keep); explicit null: empty (reset); a string: that string. */
    private static Optional<String> resettable(JsonBody body, String field) {
        return body.present(field) ? Optional.ofNullable(body.optionalString(field)) : null;
    }

    private static Role role(String wire) {
        try {
            return Role.of(wire);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Field 'role' must be 'admin', 'member' or 'owner'");
        }
    }
}
