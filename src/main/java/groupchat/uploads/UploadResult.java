package groupchat.uploads;

/** The answer to POST /api/upload. */
public record UploadResult(String url, String contentType, long size) {}
