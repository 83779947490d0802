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
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The real orchestrator, OpenRouter client and tools, wired as App wires them, against fake
 * upstreams on 127.0.0.1, an in-memory room store and a capturing event sink.
 */
final class AiRig implements AutoCloseable {
    enum Search { OFF, TAVILY, BRAVE }

    static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);

    final FakeOpenRouter openRouter = FakeOpenRouter.start();
    final FakeSearch search = FakeSearch.start();
    final CapturingRoomEvents events = new CapturingRoomEvents();
    final InMemoryRooms rooms = new InMemoryRooms(events);
    final AiOrchestrator ai;
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
        ai = new AiOrchestrator(rooms, events, client, new AiTools(web, pages, json), json, "Robo",
                "fake/default-model", limits, true, RateLimiter.unlimited());
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
    }
}
