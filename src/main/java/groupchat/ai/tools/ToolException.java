package groupchat.ai.tools;

/** A tool call that was refused or failed; the message is told to the model as the reason. */
public final class ToolException extends Exception {
    public ToolException(String message) {
        super(message, null, false, false);
    }
}
