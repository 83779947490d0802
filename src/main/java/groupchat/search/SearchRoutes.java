package groupchat.search;

import groupchat.auth.Authenticator;
import groupchat.web.ApiError;
import io.javalin.http.Context;

/** Message search over HTTP. */
public final class SearchRoutes {
    private final SearchService search;

    public SearchRoutes(SearchService search) {
        this.search = search;
    }

    public void search(Context ctx) {
        ctx.json(search.search(Authenticator.user(ctx), ctx.queryParam("q"), ctx.queryParam("room_id"),
                limit(ctx.queryParam("limit"))));
    }

    private static Integer limit(String value) {
        if (value == null) return null;
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Parameter 'limit' must be a whole number 1-100");
        }
    }
}
