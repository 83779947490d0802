package groupchat.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up backups. {@code VACUUM INTO} writes a consistent snapshot even while another process
 * has the database open in WAL mode, which a file copy would not.
 */
public final class Backups {
    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final int KEEP = 10;

    private final Path folder;

    public Backups(Path folder) {
        this.folder = folder;
    }

    /** Backs up the database if it exists, then keeps only the newest {@value #KEEP} backups. */
    public Path backUp(Path database, Instant now) {
        if (!Files.isRegularFile(database)) return null;
        try {
            Files.createDirectories(folder);
            String base = baseName(database);
            Path target = createPrivate(base, STAMP.format(now));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                 Statement s = c.createStatement()) {
                // VACUUM INTO accepts an existing empty file, and keeps its permissions.
                s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            prune(base);
            log.info("Backed up the database to {}", target);
            return target;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not back up " + database + " into " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    static String baseName(Path database) {
        return database.getFileName().toString().replaceFirst("\\.db$", "");
    }

    /**
     * Creates the empty backup file readable by the owner only before a byte is written (a backup
     * holds password hashes), under a name no other file has: {@code <base>-<stamp>[-n].db}.
     */
    private Path createPrivate(String base, String stamp) throws IOException {
        for (int n = 1; ; n++) {
            Path target = folder.resolve(base + "-" + stamp + (n == 1 ? "" : "-" + n) + ".db");
            try {
                return OwnerOnly.createFile(target);
            } catch (FileAlreadyExistsException taken) {
                // two starts in one millisecond: take the next number
            }
        }
    }

    /** Deletes the oldest backups this class wrote; any other file in the folder is left alone. */
    private void prune(String base) throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote(base) + "-(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d{1,9}))?\\.db");
        List<Path> backups;
        try (Stream<Path> files = Files.list(folder)) {
            // Age order: the timestamp, then the number added within one millisecond.
            backups = files.filter(p -> ours.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> group(ours, p, 1))
                            .thenComparingInt(p -> group(ours, p, 2).isEmpty() ? 1 : Integer.parseInt(group(ours, p, 2))))
                    .toList();
        }
        for (int i = 0; i < backups.size() - KEEP; i++) {
            Files.deleteIfExists(backups.get(i));
        }
    }

    private static String group(Pattern pattern, Path path, int group) {
        Matcher m = pattern.matcher(path.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException("not a backup name: " + path);
        String value = m.group(group);
        return value == null ? "" : value;
    }
}
