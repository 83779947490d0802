package groupchat.uploads;

import java.util.Optional;

/** What messages and the AI need from uploads: is an image_url ours, and what are its bytes. */
public interface ChatImages {
    /** True when {@code url} is a chat image this server stored and its file is still there. */
    boolean isIssuedChatImage(String url);

    /** An issued chat image's bytes (at most 5 MiB) and type; empty for anything else. */
    Optional<StoredImage> readChatImage(String url);
}
