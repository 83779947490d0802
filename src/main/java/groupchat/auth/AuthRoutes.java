package groupchat.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.web.Access;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class AuthRoutes {
    private final AuthService auth;
    private final ObjectMapper json;

    public AuthRoutes(AuthService auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/auth/register", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            ctx.status(201).json(auth.register(new AuthService.Registration(body.optionalString("username"),
                    body.optionalString("password"), body.optionalString("display_name"),
                    body.optionalString("invite_token"))));
        }, Access.PUBLIC);
        routes.post("/api/auth/login", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            ctx.json(auth.login(body.optionalString("username"), body.optionalString("password")));
        }, Access.PUBLIC);
        routes.post("/api/auth/logout", ctx -> {
            auth.logout(Authenticator.tokenId(ctx));
            ctx.status(204);
        });
        routes.get("/api/auth/me", ctx -> ctx.json(Authenticator.user(ctx)));
        routes.put("/api/auth/profile", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            ctx.json(auth.updateProfile(Authenticator.user(ctx), Authenticator.tokenId(ctx), ctx.ip(),
                    new AuthService.ProfileChange(body.optionalString("display_name"),
                            body.optionalString("current_password"), body.optionalString("new_password"))));
        });
    }
}
