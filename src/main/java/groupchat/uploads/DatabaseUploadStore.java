package groupchat.uploads;

import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Uploaded files as rows of {@code upload_files} (the store with PostgreSQL): every server that
 * shares the database serves every file, with no shared folder to set up. A file is read whole
 * into memory to store or serve it, which the kinds' limits (5 MiB at most) keep small; clients
 * cache files for a year and revalidate with the ETag, answered without reading the bytes.
 */
public final class DatabaseUploadStore implements UploadStore {
    private final Database db;
    private final Timestamps time;
    private final Path incoming;
    private final SecureRandom random = new SecureRandom();

    /** {@code spool} holds Jetty's multipart spool files, which stay local to each server. */
    public DatabaseUploadStore(Database db, Timestamps time, Path spool) {
        this.db = db;
        this.time = time;
        this.incoming = spool.toAbsolutePath().normalize().resolve(".incoming");
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload spool folder " + incoming, e);
        }
    }

    @Override
    public Path incomingDir() {
        return incoming;
    }

    @Override
    public StoredFile store(UploadKind kind, InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Copied copied = UploadStore.copyImage(kind, in, bytes);
        String url = kind.url(UploadStore.newName(random, copied.type()));
        // A new row that no rule reads: it need not wait for the writer lock, nor hold up other writes.
        db.writeIndependent(s -> {
            s.attach(UploadFileDao.class).insert(url, copied.type().contentType(), copied.size(), time.now(),
                    bytes.toByteArray());
            return null;
        });
        return new StoredFile(url, copied.type(), copied.size());
    }

    @Override
    public void delete(String url) {
        if (findByUrl(url).isEmpty()) return;
        db.writeIndependent(s -> {
            s.attach(UploadFileDao.class).delete(url);
            return null;
        });
    }

    @Override
    public Optional<ServedFile> find(String relative) {
        Matcher m = UploadStore.servable(relative).orElse(null);
        if (m == null) return Optional.empty();
        ImageType type = ImageType.fromExtension(m.group(3)).orElseThrow();
        String etag = "\"" + m.group(2) + "\"";
        return db.read(s -> s.attach(UploadFileDao.class).find(URL_PREFIX + relative))
                .map(meta -> new ServedFile(meta.url(), type, meta.size(), Instant.parse(meta.createdAt()), etag));
    }

    @Override
    public InputStream open(ServedFile file) throws IOException {
        byte[] bytes = db.read(s -> s.attach(UploadFileDao.class).bytes(file.url()))
                .orElseThrow(() -> new IOException("upload deleted since it was found: " + file.url()));
        return new ByteArrayInputStream(bytes);
    }
}
