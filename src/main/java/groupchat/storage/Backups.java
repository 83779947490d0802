package groupchat.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
            String base = database.getFileName().toString().replaceFirst("\\.db$", "");
            Path target = folder.resolve(base + "-" + STAMP.format(now) + ".db");
            for (int n = 2; Files.exists(target); n++) {
                target = folder.resolve(base + "-" + STAMP.format(now) + "-" + n + ".db");
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                 Statement s = c.createStatement()) {
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

    private void prune(String base) throws IOException {
        List<Path> backups;
        try (Stream<Path> files = Files.list(folder)) {
            // The timestamp in the name sorts in time order, so name order is age order.
            backups = files.filter(p -> p.getFileName().toString().startsWith(base + "-")
                            && p.getFileName().toString().endsWith(".db"))
                    .sorted()
                    .toList();
        }
        for (int i = 0; i < backups.size() - KEEP; i++) {
            Files.deleteIfExists(backups.get(i));
        }
    }
}
