package groupchat.ai;

/** An upstream (model, search or page) failed; the message says what, for people to read. */
final class AiUpstreamException extends Exception {
    AiUpstreamException(String message) {
        super(message, null, false, false);
    }
}
