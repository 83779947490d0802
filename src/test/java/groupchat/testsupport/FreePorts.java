package groupchat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports of this machine that nothing listens on. */
public final class FreePorts {
    private FreePorts() {}

    /** A port the system just handed out and that was closed again (free unless taken meanwhile). */
    public static int one() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
