package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class DirectRoomRoutes {
    private final DirectRooms direct;
    private final ObjectMapper json;

    public DirectRoomRoutes(DirectRooms direct, ObjectMapper json) {
        this.direct = direct;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/dms", ctx -> {
            var opened = direct.open(Authenticator.user(ctx), JsonBody.of(ctx, json).optionalString("user_id"));
            ctx.status(opened.created() ? 201 : 200).json(opened.room());
        });
    }
}
