package groupchat.web;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Gives each path one spelling before any route sees it (RFC 3986 section 6.2.2): repeated
 * slashes become one and a percent-encoded letter, digit, '-', '_' or '~' is decoded, so
 * {@code //api/auth//%6Cogin} is {@code /api/auth/login}: the same route, with the same auth
 * and limits. A trailing slash is left to Javalin, which ignores it when matching.
 *
 * <p>Other escapes stay as they are: an encoded '/', '.' or '%' never turns into a path
 * separator or dot segment here, and undecodable ones still reach Jetty's own refusal.
 */
public final class PathSpelling extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        String canonical = path == null ? null : canonical(path);
        if (canonical == null || canonical.equals(path)) return super.handle(request, response, callback);
        HttpURI rewritten = HttpURI.build(uri).path(canonical).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return rewritten;
            }
        }, response, callback);
    }

    static String canonical(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '/') continue;
            if (c == '%' && i + 2 < path.length()) {
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                char decoded = (char) (high * 16 + low);
                if (high >= 0 && low >= 0 && isPlain(decoded)) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '~';
    }
}
