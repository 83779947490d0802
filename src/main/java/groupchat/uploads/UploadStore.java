package groupchat.uploads;

import groupchat.web.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files under UPLOADS_DIR. Writes go to a temp file in the target folder and are moved into
 * place atomically, so a reader never sees half a file and a failed upload leaves nothing behind.
 * Reads accept only names this class could have made and never follow a symlink.
 */
public final class UploadStore {
    /** The only relative paths that can name an upload: no dots, slashes or escapes to play with. */
    private static final Pattern SERVABLE =
            Pattern.compile("(avatars|chat-images)/([A-Za-z0-9_-]{1,64})\\.(png|jpg|gif|webp)");
    private static final String URL_PREFIX = "/uploads/";

    public record StoredFile(String url, ImageType type, long size) {}

    public record ServedFile(Path path, ImageType type, long size, Instant lastModified, String etag) {}

    private final Path root;
    private final Path incoming;
    private final SecureRandom random = new SecureRandom();

    public UploadStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            for (UploadKind kind : UploadKind.values()) Files.createDirectories(this.root.resolve(kind.folder()));
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the uploads folders under " + this.root, e);
        }
    }

    /** Where Jetty spools multipart parts: inside UPLOADS_DIR, so never in memory and never public. */
    public Path incomingDir() {
        return incoming;
    }

    /**
     * Copies {@code in} to a new randomly named file of {@code kind}, judging its type by its first
     * bytes and stopping as soon as it passes the kind's limit.
     */
    public StoredFile store(UploadKind kind, InputStream in) throws IOException {
        byte[] head = in.readNBytes(ImageType.HEADER_BYTES);
        if (head.length == 0) throw ApiError.badRequest("Field 'file' is empty");
        ImageType type = ImageType.sniff(head, head.length).orElseThrow(() ->
                ApiError.unsupportedMediaType("Field 'file' must be a PNG, JPEG, GIF or WebP image"));
        Path folder = root.resolve(kind.folder());
        Path temp = Files.createTempFile(folder, ".upload-", ".part");
        try {
            long size = head.length;
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(head);
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    size += n;
                    if (size > kind.maxBytes()) throw tooLarge(kind);
                    out.write(buffer, 0, n);
                }
            }
            String name = newName() + "." + type.extension();
            move(temp, folder.resolve(name));
            return new StoredFile(kind.url(name), type, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the file behind an upload URL; unknown or malformed URLs are ignored. */
    public void delete(String url) {
        resolve(url).ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        });
    }

    /** The regular file behind {@code /uploads/<relative>}, if the name is one of ours and it exists. */
    public Optional<ServedFile> find(String relative) {
        Matcher m = SERVABLE.matcher(relative);
        if (!m.matches()) return Optional.empty();
        try {
            // A symlink for the folder or the file could point anywhere: neither is followed.
            Path folder = root.resolve(m.group(1));
            if (!Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                return Optional.empty();
            }
            Path file = folder.resolve(m.group(2) + "." + m.group(3));
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) return Optional.empty();
            ImageType type = ImageType.fromExtension(m.group(3)).orElseThrow();
            return Optional.of(new ServedFile(file, type, attrs.size(), attrs.lastModifiedTime().toInstant(),
                    "\"" + m.group(2) + "\""));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<ServedFile> findByUrl(String url) {
        if (url == null || !url.startsWith(URL_PREFIX)) return Optional.empty();
        return find(url.substring(URL_PREFIX.length()));
    }

    /** Opens a found file; fails instead of following a symlink swapped in since {@link #find}. */
    public InputStream open(ServedFile file) throws IOException {
        return Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS);
    }

    private Optional<Path> resolve(String url) {
        if (url == null || !url.startsWith(URL_PREFIX)) return Optional.empty();
        String relative = url.substring(URL_PREFIX.length());
        if (!SERVABLE.matcher(relative).matches()) return Optional.empty();
        return Optional.of(root.resolve(relative));
    }

    private String newName() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; the name is new either way.
            Files.move(from, to);
        }
    }

    static ApiError tooLarge(UploadKind kind) {
        return ApiError.tooLarge("Field 'file' is larger than " + kind.maxBytes() / (1024 * 1024) + " MB");
    }
}
