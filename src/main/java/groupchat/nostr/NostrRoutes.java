package groupchat.nostr;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.Access;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class NostrRoutes {
    private final NostrLoginService login;
    private final NostrInviteService invites;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public NostrRoutes(NostrLoginService login, NostrInviteService invites, Authenticator authenticator,
                       ObjectMapper json) {
        this.login = login;
        this.invites = invites;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/auth/nostr/challenge", ctx -> ctx.json(login.challenge()), Access.PUBLIC);
        routes.post("/api/auth/nostr/verify", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            // A valid bearer token turns the login into linking the key to that account.
            var linkTo = authenticator.optionalUser(ctx).orElse(null);
            ctx.json(login.verify(body.raw("event"), linkTo, ctx.host()));
        }, Access.PUBLIC);
        routes.post("/api/invites/nostr", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            ctx.json(invites.invite(Authenticator.user(ctx), body.requiredString("room_id"),
                    body.requiredString("pubkey")));
        });
    }
}
