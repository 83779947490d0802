package groupchat.testsupport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for a whole test class, stopped after its last test:
 * <pre>
 * &#64;RegisterExtension static final ServerExtension running = new ServerExtension();
 * static final TestServer server = running.server();
 * </pre>
 */
public final class ServerExtension implements AfterAllCallback {
    private final TestServer server;
    private final AtomicInteger users = new AtomicInteger();

    public ServerExtension() {
        this(Map.of());
    }

    public ServerExtension(Map<String, String> env) {
        this.server = TestServer.start(env);
    }

    public TestServer server() {
        return server;
    }

    /** A newly registered user with a name no other test of the class has. */
    public Api.TestUser newUser() {
        return server.api().register("user" + users.incrementAndGet());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
