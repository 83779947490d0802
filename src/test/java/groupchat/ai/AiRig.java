package groupchat.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.tools.AddressPolicy;
import groupchat.ai.tools.AiTools;
import groupchat.ai.tools.BraveSearch;
import groupchat.ai.tools.PageFetcher;
import groupchat.ai.tools.TavilySearch;
import groupchat.ai.tools.ThisServer;
import groupchat.ai.tools.WebSearch;
import groupchat.testsupport.fake.CapturingRoomEvents;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.FakeSearch;
import groupchat.messages.Message;
import groupchat.ratelimit.RateLimiter;
import groupchat.web.Json;
import groupchat.config.AiCosts;
import groupchat.storage.Database;
import groupchat.storage.SqliteDatabase;
import groupchat.storage.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real orchestrator, OpenRouter client and tools, wired as App wires them, against fake
 * upstreams on 127.0.0.1, an in-memory room store, a capturing event sink, and a real database
 * in a temp folder for the spend ledger (no budgets set).
 */
final class AiRig implements AutoCloseable {
    enum Search { OFF, TAVILY, BRAVE }

    // Generous: the fast tier runs test classes in parallel on 2 cores, and an answer that merely
    // waited for a CPU must not look stalled.
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

    final FakeOpenRouter openRouter = FakeOpenRouter.start();
    final FakeSearch search = FakeSearch.start();
    final CapturingRoomEvents events = new CapturingRoomEvents();
    final InMemoryRooms rooms = new InMemoryRooms(events);
    final AiOrchestrator ai;
    private final Path dataDir;
    private final Database db;
    private final PageFetcher pages;

    AiRig(Search provider) {
        this(provider, AddressPolicy.publicAndLoopback(), 2, null);
    }

    /** {@code baseUrl} null means the fake OpenRouter. */
    AiRig(Search provider, AddressPolicy policy, int maxToolRounds, String baseUrl) {
        ObjectMapper json = Json.newMapper();
        AiLimits limits = new AiLimits(30, maxToolRounds, Duration.ofSeconds(2), IDLE_TIMEOUT, Duration.ofSeconds(3),
                Duration.ofMillis(40), 400, 2, 1_000_000);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.connectTimeout()).build();
        WebSearch web = switch (provider) {
            case TAVILY -> new TavilySearch(http, json, limits.toolTimeout(), search.origin(), "tvly-test-key");
            case BRAVE -> new BraveSearch(http, json, limits.toolTimeout(), search.origin(), "brave-test-key");
            case OFF -> null;
        };
        pages = new PageFetcher(policy, InetAddress::getAllByName, new ThisServer(null, () -> -1, null), limits.connectTimeout(),
                limits.toolTimeout(), 2 * 1_048_576);
        OpenRouterClient client = new OpenRouterClient(http, json, baseUrl == null ? openRouter.baseUrl() : baseUrl,
                "sk-or-test", limits.streamIdleTimeout());
        try {
            dataDir = Files.createTempDirectory("groupchat-ai-rig");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = new SqliteDatabase(dataDir.resolve("chat.db"));
        AiCosts costs = new AiCosts(List.of(), 2048, null, null, null);
        ModelCatalog catalog = new ModelCatalog(http, json, openRouter.baseUrl(), "sk-or-test", "fake/default-model",
                costs.models(), true, Duration.ofMinutes(10), Duration.ofSeconds(5), Clock.systemUTC());
        ai = new AiOrchestrator(rooms, events, client, new AiTools(web, pages, json), json, "Robo",
                "fake/default-model", limits, true, RateLimiter.unlimited(), catalog,
                new Budgets(db, new Timestamps(Clock.systemUTC()), costs, "Robo"), AnswerLeases.LOCAL);
    }

    /** A human message stored in the room, told to the assistant as the messages feature tells it. */
    Message post(String roomId, String userId, String displayName, String content) {
        Message message = rooms.human(roomId, userId, displayName, content);
        ai.messagePosted(message, rooms.settings(roomId).orElseThrow().aiMode());
        return message;
    }

    @Override
    public void close() {
        ai.close();
        pages.close();
        openRouter.close();
        search.close();
        db.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
