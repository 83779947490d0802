package groupchat.uploads;

import groupchat.web.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where uploaded files live: under UPLOADS_DIR ({@link FileUploadStore}, with SQLite) or in the
 * database ({@link DatabaseUploadStore}, with PostgreSQL, so every server serves every file).
 * Either way a file is judged by its first bytes, never kept past its kind's limit, named at
 * random and never changed; reads accept only names a store could have made.
 */
public interface UploadStore {
    /** The only relative paths that can name an upload: no dots, slashes or escapes to play with. */
    Pattern SERVABLE = Pattern.compile("(avatars|chat-images)/([A-Za-z0-9_-]{1,64})\\.(png|jpg|gif|webp)");
    String URL_PREFIX = "/uploads/";

    record StoredFile(String url, ImageType type, long size) {}

    /** A file found for serving; {@code etag} is its random name, quoted. */
    record ServedFile(String url, ImageType type, long size, Instant lastModified, String etag) {}

    /** Where Jetty spools multipart parts: inside UPLOADS_DIR, so never in memory and never public. */
    Path incomingDir();

    /**
     * Keeps {@code in} as a new randomly named file of {@code kind}, judging its type by its first
     * bytes and stopping as soon as it passes the kind's limit.
     */
    StoredFile store(UploadKind kind, InputStream in) throws IOException;

    /** Removes the file behind an upload URL; unknown or malformed URLs are ignored. */
    void delete(String url);

    /** The file behind {@code /uploads/<relative>}, if the name is one of ours and it exists. */
    Optional<ServedFile> find(String relative);

    InputStream open(ServedFile file) throws IOException;

    default Optional<ServedFile> findByUrl(String url) {
        if (url == null || !url.startsWith(URL_PREFIX)) return Optional.empty();
        return find(url.substring(URL_PREFIX.length()));
    }

    /** What {@link #copyImage} found: the type the first bytes declare, and the size. */
    record Copied(ImageType type, long size) {}

    /**
     * Copies an upload after judging its first bytes: 400 when empty, 415 for anything but our
     * images, 413 as soon as the kind's limit is passed.
     */
    static Copied copyImage(UploadKind kind, InputStream in, OutputStream out) throws IOException {
        byte[] head = in.readNBytes(ImageType.HEADER_BYTES);
        if (head.length == 0) throw ApiError.badRequest("Field 'file' is empty");
        ImageType type = ImageType.sniff(head, head.length).orElseThrow(() ->
                ApiError.unsupportedMediaType("Field 'file' must be a PNG, JPEG, GIF or WebP image"));
        long size = head.length;
        out.write(head);
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            size += n;
            if (size > kind.maxBytes()) throw tooLarge(kind);
            out.write(buffer, 0, n);
        }
        return new Copied(type, size);
    }

    /** 22 random URL-safe characters (128 bits) and the type's extension. */
    static String newName(SecureRandom random, ImageType type) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + type.extension();
    }

    /** The parts of a servable relative path (folder, name, extension), or empty. */
    static Optional<Matcher> servable(String relative) {
        Matcher m = SERVABLE.matcher(relative);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    static ApiError tooLarge(UploadKind kind) {
        return ApiError.tooLarge("Field 'file' is larger than " + kind.maxBytes() / (1024 * 1024) + " MB");
    }
}
