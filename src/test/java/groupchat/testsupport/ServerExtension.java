package groupchat.testsupport;

import groupchat.testsupport.fake.FakeOpenRouter;
import java.util.HashMap;
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
    private final FakeOpenRouter openRouter;
    private final AtomicInteger users = new AtomicInteger();

    public ServerExtension() {
        this(Map.of());
    }

    public ServerExtension(Map<String, String> env) {
        this(env, null);
    }

    private ServerExtension(Map<String, String> env, FakeOpenRouter openRouter) {
        this.server = TestServer.start(env);
        this.openRouter = openRouter;
    }

    /** A server whose assistant talks to a fake OpenRouter (see {@link #openRouter}), stopped together. */
    public static ServerExtension withFakeOpenRouter() {
        FakeOpenRouter fake = FakeOpenRouter.start();
        Map<String, String> env = new HashMap<>();
        env.put("OPENROUTER_API_KEY", "sk-test");
        env.put("OPENROUTER_BASE_URL", fake.baseUrl());
        return new ServerExtension(env, fake);
    }

    public FakeOpenRouter openRouter() {
        return openRouter;
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
        if (openRouter != null) openRouter.close();
    }
}
