package groupchat.nostr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a login event's {@code relay} tag names this server. NIP-42 {@code AUTH} events have
 * the same kind and challenge tag as ours, so without this check an event a user's client signed
 * for some relay could be replayed here by that relay.
 *
 * <p>With PUBLIC_URL set, the tag must be that URL in its http(s) or ws(s) form (ws pairs with
 * http, wss with https; the trailing slash is ignored). Without it, the tag must name the host
 * and port the request was sent to (its Host header), in any of the four schemes: behind a TLS
 * proxy the server sees http while the browser signs wss. That header is the client's to choose,
 * so only PUBLIC_URL makes the check binding; X-Forwarded-* would add nothing a client could not
 * also forge.
 */
final class RelayTag {
    private final String publicUrl;

    /** @param publicUrl PUBLIC_URL (no trailing slash), or null */
    RelayTag(String publicUrl) {
        this.publicUrl = publicUrl == null ? null : canonical(publicUrl, true);
    }

    /** @param requestHost the Host header of the login request (host, and port when not the default) */
    boolean namesThisServer(String tag, String requestHost) {
        if (publicUrl != null) return publicUrl.equals(canonical(tag, true));
        String authority = canonical(tag, false);
        return authority != null && requestHost != null && authority.equals(requestHost.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code http(s)://host[:port]/path} with ws(s) mapped to http(s), the host lower-cased, the
     * scheme's default port dropped and the path without trailing slashes; with {@code whole}
     * false only {@code host[:port]}. Null for anything that is not such a URL.
     */
    private static String canonical(String url, boolean whole) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean secure = scheme.equals("https") || scheme.equals("wss");
            if (!secure && !scheme.equals("http") && !scheme.equals("ws")) return null;
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort();
            String authority = uri.getHost().toLowerCase(Locale.ROOT)
                    + (port == -1 || port == (secure ? 443 : 80) ? "" : ":" + port);
            if (!whole) return authority;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return (secure ? "https://" : "http://") + authority + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
