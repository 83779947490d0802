package groupchat.uploads;

import groupchat.auth.User;
import groupchat.auth.UserCache;
import groupchat.auth.UserDao;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.uploads.UploadStore.ServedFile;
import groupchat.uploads.UploadStore.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Avatars and chat images: stores them, records them, and answers whether a URL is one of ours. */
public final class UploadService implements ChatImages {
    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final Database db;
    private final UploadStore store;
    private final Timestamps time;
    private final UserCache userCache;

    public UploadService(Database db, UploadStore store, Timestamps time, UserCache userCache) {
        this.db = db;
        this.store = store;
        this.time = time;
        this.userCache = userCache;
    }

    public UploadResult uploadChatImage(User me, InputStream in) throws IOException {
        StoredFile file = store.store(UploadKind.CHAT_IMAGE, in);
        Upload row = row(me, UploadKind.CHAT_IMAGE, file);
        writeOrDiscard(file, () -> db.write(h -> {
            h.attach(UploadDao.class).insert(row);
            return null;
        }));
        return new UploadResult(file.url(), file.type().contentType(), file.size());
    }

    /** Stores a new avatar, points the user at it, and removes the file it replaces. */
    public User uploadAvatar(User me, InputStream in) throws IOException {
        StoredFile file = store.store(UploadKind.AVATAR, in);
        Upload row = row(me, UploadKind.AVATAR, file);
        AvatarChange change = writeOrDiscard(file, () -> db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            UploadDao uploads = h.attach(UploadDao.class);
            String old = users.findById(me.id()).orElseThrow().avatarUrl();
            uploads.insert(row);
            users.updateAvatarUrl(me.id(), file.url());
            if (old != null) uploads.delete(old);
            return new AvatarChange(users.findById(me.id()).orElseThrow(), old);
        }));
        userCache.changed(me.id());
        // Only after the commit: a failed write must not cost the user the old avatar's file.
        if (change.replaced() != null) deleteQuietly(change.replaced());
        return change.user();
    }

    @Override
    public boolean isIssuedChatImage(String url) {
        return issuedChatImage(url).isPresent();
    }

    @Override
    public Optional<StoredImage> readChatImage(String url) {
        Optional<ServedFile> found = issuedChatImage(url);
        if (found.isEmpty() || found.get().size() > UploadKind.CHAT_IMAGE.maxBytes()) return Optional.empty();
        try (InputStream in = store.open(found.get())) {
            byte[] bytes = in.readNBytes((int) UploadKind.CHAT_IMAGE.maxBytes());
            return Optional.of(new StoredImage(bytes, found.get().type().contentType()));
        } catch (IOException e) {
            log.warn("Cannot read chat image {}: {}", url, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Every chat-image check in one place: a /uploads/chat-images/ URL, recorded as a chat image
     * (the row read once), whose file is still there.
     */
    private Optional<ServedFile> issuedChatImage(String url) {
        if (url == null || !url.startsWith("/uploads/" + UploadKind.CHAT_IMAGE.folder() + "/")) return Optional.empty();
        boolean recorded = db.read(h -> h.attach(UploadDao.class).find(url))
                .map(u -> u.kind().equals(UploadKind.CHAT_IMAGE.dbName()))
                .orElse(false);
        return recorded ? store.findByUrl(url) : Optional.empty();
    }

    private record AvatarChange(User user, String replaced) {}

    private Upload row(User me, UploadKind kind, StoredFile file) {
        return new Upload(file.url(), kind.dbName(), file.type().contentType(), file.size(), me.id(), time.now());
    }

    /** Runs the database write for a stored file; if it fails, the file goes too. */
    private <T> T writeOrDiscard(StoredFile file, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            deleteQuietly(file.url());
            throw e;
        }
    }

    private void deleteQuietly(String url) {
        try {
            store.delete(url);
        } catch (UncheckedIOException e) {
            log.warn("Cannot delete replaced upload {}: {}", url, e.getCause().toString());
        }
    }
}
