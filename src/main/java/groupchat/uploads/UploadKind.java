package groupchat.uploads;

/** What an upload is for: decides its folder, its URL and its size limit. */
public enum UploadKind {
    AVATAR("avatar", "avatars", 2L * 1024 * 1024),
    CHAT_IMAGE("chat-image", "chat-images", 5L * 1024 * 1024);

    private final String dbName;
    private final String folder;
    private final long maxBytes;

    UploadKind(String dbName, String folder, long maxBytes) {
        this.dbName = dbName;
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    /** The value of uploads.kind. */
    public String dbName() {
        return dbName;
    }

    /** The folder under UPLOADS_DIR, which is also the URL segment after /uploads/. */
    public String folder() {
        return folder;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public String url(String fileName) {
        return "/uploads/" + folder + "/" + fileName;
    }

    /** The largest limit of any kind: what Jetty may ever spool for one part. */
    public static long largestLimit() {
        long max = 0;
        for (UploadKind kind : values()) max = Math.max(max, kind.maxBytes);
        return max;
    }
}
