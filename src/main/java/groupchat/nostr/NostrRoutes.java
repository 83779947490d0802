package groupchat.nostr;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Nostr login and Nostr invites over HTTP. */
public final class NostrRoutes {
    private final NostrLoginService login;
    private final NostrInviteService invites;
    private final ObjectMapper json;

    public NostrRoutes(NostrLoginService login, NostrInviteService invites, ObjectMapper json) {
        this.login = login;
        this.invites = invites;
        this.json = json;
    }

    public void challenge(Context ctx) {
        JsonBody.of(ctx, json);
        ctx.json(login.challenge());
    }

    /** A valid bearer token turns the login into linking the key to that account. */
    public void verify(Context ctx) {
        // A missing or malformed event is a failed login (401), like every other failed check.
        NostrEvent event = NostrEvent.parse(JsonBody.of(ctx, json, "event").raw("event"));
        ctx.json(login.verify(event, Authenticator.userIfAny(ctx).orElse(null), ctx.host()));
    }

    public void invite(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "room_id", "pubkey");
        ctx.json(invites.invite(Authenticator.user(ctx), body.requiredString("room_id"), body.requiredString("pubkey")));
    }
}
