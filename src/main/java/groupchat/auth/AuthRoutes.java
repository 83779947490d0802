package groupchat.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Accounts over HTTP: the request's shape in, the service's answer out. */
public final class AuthRoutes {
    private final AuthService auth;
    private final ObjectMapper json;

    public AuthRoutes(AuthService auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    public void register(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "username", "password", "display_name", "invite_token");
        ctx.status(201).json(auth.register(new Registration(body.optionalString("username"),
                body.optionalString("password"), body.optionalString("display_name"),
                body.optionalString("invite_token"))));
    }

    public void login(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "username", "password");
        ctx.json(auth.login(body.optionalString("username"), body.optionalString("password")));
    }

    public void logout(Context ctx) {
        auth.logout(Authenticator.tokenId(ctx));
        ctx.status(204);
    }

    public void me(Context ctx) {
        ctx.json(Authenticator.user(ctx));
    }

    public void updateProfile(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "display_name", "current_password", "new_password");
        ctx.json(auth.updateProfile(Authenticator.user(ctx), Authenticator.tokenId(ctx), ctx.ip(),
                new ProfileChange(body.optionalString("display_name"), body.optionalString("current_password"),
                        body.optionalString("new_password"))));
    }
}
