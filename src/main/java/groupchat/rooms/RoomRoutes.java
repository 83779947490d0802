package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Rooms and members over HTTP. */
public final class RoomRoutes {
    private final RoomService rooms;
    private final ObjectMapper json;

    public RoomRoutes(RoomService rooms, ObjectMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(rooms.list(Authenticator.user(ctx), "true".equalsIgnoreCase(ctx.queryParam("public"))));
    }

    public void create(Context ctx) {
        ctx.status(201).json(rooms.create(Authenticator.user(ctx), JsonBody.of(ctx, json)));
    }

    public void get(Context ctx) {
        ctx.json(rooms.get(Authenticator.user(ctx), ctx.pathParam("room_id")));
    }

    public void update(Context ctx) {
        ctx.json(rooms.update(Authenticator.user(ctx), ctx.pathParam("room_id"), JsonBody.of(ctx, json)));
    }

    public void delete(Context ctx) {
        rooms.delete(Authenticator.user(ctx), ctx.pathParam("room_id"));
        ctx.status(204);
    }

    public void join(Context ctx) {
        ctx.json(rooms.join(Authenticator.user(ctx), ctx.pathParam("room_id")));
    }

    public void clear(Context ctx) {
        rooms.clear(Authenticator.user(ctx), ctx.pathParam("room_id"));
        ctx.status(204);
    }

    public void setRole(Context ctx) {
        ctx.json(rooms.setRole(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("user_id"),
                JsonBody.of(ctx, json).optionalString("role")));
    }

    public void removeMember(Context ctx) {
        rooms.removeMember(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("user_id"));
        ctx.status(204);
    }
}
