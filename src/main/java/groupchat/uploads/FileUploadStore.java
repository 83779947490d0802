package groupchat.uploads;

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
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The files under UPLOADS_DIR (the store with SQLite). Writes go to a temp file in the target
 * folder and are moved into place atomically, so a reader never sees half a file and a failed
 * upload leaves nothing behind. Reads never follow a symlink.
 */
public final class FileUploadStore implements UploadStore {
    private final Path root;
    private final Path incoming;
    private final SecureRandom random = new SecureRandom();

    public FileUploadStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            for (UploadKind kind : UploadKind.values()) Files.createDirectories(this.root.resolve(kind.folder()));
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the uploads folders under " + this.root, e);
        }
    }

    @Override
    public Path incomingDir() {
        return incoming;
    }

    @Override
    public StoredFile store(UploadKind kind, InputStream in) throws IOException {
        Path folder = root.resolve(kind.folder());
        Path temp = Files.createTempFile(folder, ".upload-", ".part");
        try {
            Copied copied;
            try (OutputStream out = Files.newOutputStream(temp)) {
                copied = UploadStore.copyImage(kind, in, out);
            }
            String name = UploadStore.newName(random, copied.type());
            move(temp, folder.resolve(name));
            return new StoredFile(kind.url(name), copied.type(), copied.size());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void delete(String url) {
        resolve(url).ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        });
    }

    /** Only a regular file, never a symlink, whose name is one of ours. */
    @Override
    public Optional<ServedFile> find(String relative) {
        Matcher m = UploadStore.servable(relative).orElse(null);
        if (m == null) return Optional.empty();
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
            return Optional.of(new ServedFile(URL_PREFIX + relative, type, attrs.size(),
                    attrs.lastModifiedTime().toInstant(), "\"" + m.group(2) + "\""));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Opens a found file; fails instead of following a symlink swapped in since {@link #find}. */
    @Override
    public InputStream open(ServedFile file) throws IOException {
        Path path = resolve(file.url()).orElseThrow(() -> new IOException("not an upload: " + file.url()));
        return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }

    private Optional<Path> resolve(String url) {
        if (url == null || !url.startsWith(URL_PREFIX)) return Optional.empty();
        String relative = url.substring(URL_PREFIX.length());
        if (UploadStore.servable(relative).isEmpty()) return Optional.empty();
        return Optional.of(root.resolve(relative));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; the name is new either way.
            Files.move(from, to);
        }
    }
}
