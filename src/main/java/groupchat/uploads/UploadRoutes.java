package groupchat.uploads;

import groupchat.auth.Authenticator;
import groupchat.uploads.UploadStore.ServedFile;
import groupchat.web.ApiError;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** POST /api/upload, POST /api/auth/avatar and GET /uploads/*. */
public final class UploadRoutes {
    private static final String PREFIX = "/uploads/";

    private final UploadService uploads;
    private final UploadStore store;

    public UploadRoutes(UploadService uploads, UploadStore store) {
        this.uploads = uploads;
        this.store = store;
    }

    /**
     * Multipart defaults for any request that reads parts. The upload routes set tighter limits
     * per request; these keep every other multipart read on disk and bounded too.
     */
    public void configure(JavalinConfig cfg) {
        cfg.jetty.multipartConfig.cacheDirectory(store.incomingDir().toString());
        cfg.jetty.multipartConfig.maxInMemoryFileSize(MultipartFile.IN_MEMORY_BYTES, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxFileSize(UploadKind.largestLimit(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(UploadKind.largestLimit() + MultipartFile.FRAMING_ALLOWANCE,
                SizeUnit.BYTES);
    }

    public void chatImage(Context ctx) throws IOException {
        try (MultipartFile file = MultipartFile.read(ctx, UploadKind.CHAT_IMAGE, store.incomingDir())) {
            ctx.status(201).json(uploads.uploadChatImage(Authenticator.user(ctx), file.content()));
        }
    }

    public void avatar(Context ctx) throws IOException {
        try (MultipartFile file = MultipartFile.read(ctx, UploadKind.AVATAR, store.incomingDir())) {
            ctx.json(uploads.uploadAvatar(Authenticator.user(ctx), file.content()));
        }
    }

    /** GET /uploads/*: no token needed (the names are unguessable). */
    public void serve(Context ctx) throws IOException {
        // The raw, undecoded path: an escape like %2e%2e or %2f can never match the strict pattern.
        ServedFile file = store.find(ctx.path().substring(PREFIX.length()))
                .orElseThrow(() -> ApiError.notFound("No such file"));
        // Names are random and never reused, so a file never changes: cache it for a year.
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("ETag", file.etag());
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(file.lastModified().atOffset(ZoneOffset.UTC)));
        // An uploaded file is never a page: even if a browser rendered it, it could run nothing.
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("X-Content-Type-Options", "nosniff");
        if (matches(ctx.header("If-None-Match"), file.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(file.type().contentType());
        ctx.header("Content-Length", String.valueOf(file.size()));
        ctx.result(store.open(file));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals("*") || tag.equals(etag)) return true;
        }
        return false;
    }
}
