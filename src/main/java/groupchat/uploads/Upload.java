package groupchat.uploads;

/** One stored file, as the uploads table records it. */
public record Upload(String url, String kind, String contentType, long size, String uploadedBy, String createdAt) {}
