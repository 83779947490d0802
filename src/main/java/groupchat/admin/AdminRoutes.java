package groupchat.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** {@code /api/admin/*} over HTTP; the route table lets only server admins through (403 for others). */
public final class AdminRoutes {
    private final AdminUsers users;
    private final AdminRooms rooms;
    private final AdminUsage usage;
    private final ObjectMapper json;

    public AdminRoutes(AdminUsers users, AdminRooms rooms, AdminUsage usage, ObjectMapper json) {
        this.users = users;
        this.rooms = rooms;
        this.usage = usage;
        this.json = json;
    }

    public void users(Context ctx) {
        ctx.json(users.list(query(ctx), page(ctx)));
    }

    public void createUser(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "username", "password", "display_name", "is_admin");
        ctx.status(201).json(users.create(new AdminUsers.NewUser(body.optionalString("username"),
                body.optionalString("password"), body.optionalString("display_name"),
                Boolean.TRUE.equals(body.optionalBoolean("is_admin")))));
    }

    public void updateUser(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "disabled", "is_admin", "password");
        ctx.json(users.update(actor(ctx), ctx.pathParam("user_id"), new AdminUsers.Change(
                body.optionalBoolean("disabled"), body.optionalBoolean("is_admin"), body.optionalString("password"))));
    }

    public void deleteUser(Context ctx) {
        users.delete(actor(ctx), ctx.pathParam("user_id"));
        ctx.status(204);
    }

    public void rooms(Context ctx) {
        ctx.json(rooms.list(Authenticator.user(ctx).id(), query(ctx), page(ctx)));
    }

    public void deleteRoom(Context ctx) {
        rooms.delete(ctx.pathParam("room_id"));
        ctx.status(204);
    }

    public void usage(Context ctx) {
        ctx.json(usage.month(ctx.queryParam("month")));
    }

    private static AdminUsers.Actor actor(Context ctx) {
        return new AdminUsers.Actor(Authenticator.user(ctx).id(), Authenticator.tokenId(ctx));
    }

    private static String query(Context ctx) {
        String q = ctx.queryParam("q");
        return q == null || q.isBlank() ? null : q.strip();
    }

    private static Page page(Context ctx) {
        return Page.parse(ctx.queryParam("limit"), ctx.queryParam("offset"));
    }
}
