package groupchat.uploads;

/** An uploaded image read back whole (at most the chat-image limit), e.g. to inline for the AI. */
public record StoredImage(byte[] bytes, String contentType) {}
