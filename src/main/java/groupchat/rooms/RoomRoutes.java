package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class RoomRoutes {
    private final RoomService rooms;
    private final ObjectMapper json;

    public RoomRoutes(RoomService rooms, ObjectMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/rooms", ctx -> ctx.json("true".equalsIgnoreCase(ctx.queryParam("public"))
                ? rooms.listPublic(Authenticator.user(ctx), PublicRoomQuery.parse(ctx.queryParam("q"),
                        ctx.queryParam("limit"), ctx.queryParam("offset")))
                : rooms.list(Authenticator.user(ctx))));
        routes.post("/api/rooms", ctx ->
                ctx.status(201).json(rooms.create(Authenticator.user(ctx), JsonBody.of(ctx, json))));
        routes.get("/api/rooms/{room_id}", ctx ->
                ctx.json(rooms.get(Authenticator.user(ctx), ctx.pathParam("room_id"))));
        routes.put("/api/rooms/{room_id}", ctx ->
                ctx.json(rooms.update(Authenticator.user(ctx), ctx.pathParam("room_id"), JsonBody.of(ctx, json))));
        routes.delete("/api/rooms/{room_id}", ctx -> {
            rooms.delete(Authenticator.user(ctx), ctx.pathParam("room_id"));
            ctx.status(204);
        });
        routes.post("/api/rooms/{room_id}/join", ctx ->
                ctx.json(rooms.join(Authenticator.user(ctx), ctx.pathParam("room_id"))));
        routes.post("/api/rooms/{room_id}/clear", ctx -> {
            rooms.clear(Authenticator.user(ctx), ctx.pathParam("room_id"));
            ctx.status(204);
        });
        routes.put("/api/rooms/{room_id}/members/{user_id}", ctx -> ctx.json(rooms.setRole(Authenticator.user(ctx),
                ctx.pathParam("room_id"), ctx.pathParam("user_id"), JsonBody.of(ctx, json).optionalString("role"))));
        routes.delete("/api/rooms/{room_id}/members/{user_id}", ctx -> {
            rooms.removeMember(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("user_id"));
            ctx.status(204);
        });
    }
}
