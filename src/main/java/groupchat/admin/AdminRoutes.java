package groupchat.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.auth.User;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/admin/*}: server admins only (403 for anyone else, before anything else is looked at). */
public final class AdminRoutes {
    private final AdminUsers users;
    private final AdminRooms rooms;
    private final ObjectMapper json;

    public AdminRoutes(AdminUsers users, AdminRooms rooms, ObjectMapper json) {
        this.users = users;
        this.rooms = rooms;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/admin/users", ctx -> {
            admin(ctx);
            ctx.json(users.list(query(ctx), page(ctx)));
        });
        routes.post("/api/admin/users", ctx -> {
            admin(ctx);
            JsonBody body = JsonBody.of(ctx, json);
            ctx.status(201).json(users.create(new AdminUsers.NewUser(body.optionalString("username"),
                    body.optionalString("password"), body.optionalString("display_name"),
                    Boolean.TRUE.equals(body.optionalBoolean("is_admin")))));
        });
        routes.put("/api/admin/users/{user_id}", ctx -> {
            User me = admin(ctx);
            JsonBody body = JsonBody.of(ctx, json);
            ctx.json(users.update(new AdminUsers.Actor(me.id(), Authenticator.tokenId(ctx)), ctx.pathParam("user_id"),
                    new AdminUsers.Change(body.optionalBoolean("disabled"), body.optionalBoolean("is_admin"),
                            body.optionalString("password"))));
        });
        routes.delete("/api/admin/users/{user_id}", ctx -> {
            User me = admin(ctx);
            users.delete(new AdminUsers.Actor(me.id(), Authenticator.tokenId(ctx)), ctx.pathParam("user_id"));
            ctx.status(204);
        });
        routes.get("/api/admin/rooms", ctx -> ctx.json(rooms.list(admin(ctx).id(), query(ctx), page(ctx))));
        routes.delete("/api/admin/rooms/{room_id}", ctx -> {
            admin(ctx);
            rooms.delete(ctx.pathParam("room_id"));
            ctx.status(204);
        });
        routes.get("/api/admin/usage", ctx -> {
            admin(ctx);
            ctx.json(rooms.usage(ctx.queryParam("month")));
        });
    }

    private static User admin(Context ctx) {
        User me = Authenticator.user(ctx);
        if (!me.isAdmin()) throw ApiError.forbidden("Only server admins may do this");
        return me;
    }

    private static String query(Context ctx) {
        String q = ctx.queryParam("q");
        return q == null || q.isBlank() ? null : q.strip();
    }

    private static Page page(Context ctx) {
        return Page.parse(ctx.queryParam("limit"), ctx.queryParam("offset"));
    }
}
