package groupchat.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The browser client: the copy built into the jar (classpath /public) or STATIC_DIR, WebJars at
 * /webjars/, and index.html for any other page path, so client-side routes like /invite/abc load.
 */
public final class StaticFiles {
    private static final String CLASSPATH_ROOT = "/public";
    /** Paths the client's routing never owns: their misses stay real 404s. */
    private static final String[] SERVER_PREFIXES = {"/api", "/ws", "/uploads", "/webjars", "/metrics"};

    private final Path staticDir;

    /** @param staticDir STATIC_DIR, or null for the client in the jar */
    public StaticFiles(Path staticDir) {
        this.staticDir = staticDir == null ? null : staticDir.toAbsolutePath().normalize();
    }

    public void configure(JavalinConfig cfg) {
        if (staticDir == null) cfg.staticFiles.add(CLASSPATH_ROOT, Location.CLASSPATH);
        else cfg.staticFiles.add(staticDir.toString(), Location.EXTERNAL);
        cfg.staticFiles.enableWebjars();
    }

    public void register(RoutesConfig routes) {
        routes.error(404, this::pageFallback);
    }

    private void pageFallback(Context ctx) throws IOException {
        if (!ctx.method().equals(HandlerType.GET) || isServerPath(ctx.path())) return;
        InputStream index = openIndex();
        if (index == null) return;
        ctx.status(200).contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(index);
    }

    private static boolean isServerPath(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) return true;
        }
        return false;
    }

    private InputStream openIndex() throws IOException {
        if (staticDir == null) return StaticFiles.class.getResourceAsStream(CLASSPATH_ROOT + "/index.html");
        Path index = staticDir.resolve("index.html");
        return Files.isRegularFile(index) ? Files.newInputStream(index) : null;
    }
}
