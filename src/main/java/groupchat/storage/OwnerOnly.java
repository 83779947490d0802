package groupchat.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets (the JWT key, backups with password hashes) are created readable by
 * their owner only, in the same call that creates them: setting the mode after writing would
 * leave a moment in which anyone could read them.
 */
public final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates a new empty file with mode 0600; fails when it exists. */
    public static Path createFile(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(file); // not a POSIX file system: access follows the folder's ACL
        }
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
