package groupchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.AiLimits;
import groupchat.ai.AiOffNotice;
import groupchat.ai.AnswerLeases;
import groupchat.ai.AiOrchestrator;
import groupchat.ai.Budgets;
import groupchat.ai.OpenRouterClient;
import groupchat.ai.AiRoomGateway;
import groupchat.ai.LazyHttpClient;
import groupchat.ai.Assistant;
import groupchat.ai.tools.AddressPolicy;
import groupchat.ai.tools.AiTools;
import groupchat.ai.tools.PageFetcher;
import groupchat.ai.tools.ThisServer;
import groupchat.ai.tools.WebSearch;
import groupchat.ai.AiRoutes;
import groupchat.ai.ModelCatalog;
import groupchat.ai.UsageService;
import groupchat.admin.AdminRooms;
import groupchat.admin.AdminRoutes;
import groupchat.admin.AdminUsage;
import groupchat.admin.AdminUsers;
import groupchat.auth.Accounts;
import groupchat.auth.AuthRoutes;
import groupchat.auth.AuthService;
import groupchat.auth.Authenticator;
import groupchat.auth.JwtSecret;
import groupchat.auth.Passwords;
import groupchat.auth.Sessions;
import groupchat.auth.SignUp;
import groupchat.auth.Tokens;
import groupchat.auth.UserCache;
import groupchat.cluster.Cluster;
import groupchat.cluster.DeliveredStreams;
import groupchat.cluster.PgConnections;
import groupchat.auth.UserDao;
import groupchat.config.Config;
import groupchat.config.PostgresUrl;
import groupchat.config.ConfigException;
import groupchat.invites.InviteRoutes;
import groupchat.metrics.ServerMetrics;
import groupchat.invites.InviteService;
import groupchat.memory.NativeHeap;
import groupchat.messages.MessageChangeRoutes;
import groupchat.messages.MessageEdits;
import groupchat.messages.MessageRoutes;
import groupchat.messages.AssistantMessages;
import groupchat.messages.MessageHistory;
import groupchat.messages.MessageUpdates;
import groupchat.messages.Reactions;
import groupchat.messages.MessageService;
import groupchat.messages.NewestPages;
import groupchat.messages.RoomOrder;
import groupchat.realtime.Hub;
import groupchat.realtime.KeepAlive;
import groupchat.realtime.RoomEvents;
import groupchat.realtime.UserEvents;
import groupchat.realtime.WsEndpoint;
import groupchat.rooms.DirectRoomRoutes;
import groupchat.rooms.DirectRooms;
import groupchat.rooms.ReadMarkerRoutes;
import groupchat.rooms.ReadMarkers;
import groupchat.rooms.RoomRoutes;
import groupchat.rooms.Memberships;
import groupchat.rooms.RoomService;
import groupchat.nostr.NostrInviteService;
import groupchat.nostr.NostrLoginService;
import groupchat.nostr.NostrRoutes;
import groupchat.ratelimit.RateLimits;
import groupchat.search.SearchIndex;
import groupchat.search.SearchRoutes;
import groupchat.search.SearchService;
import groupchat.storage.Backups;
import groupchat.storage.Database;
import groupchat.storage.SqliteDatabase;
import groupchat.storage.Timestamps;
import groupchat.uploads.UploadRoutes;
import groupchat.uploads.UploadService;
import groupchat.uploads.DatabaseUploadStore;
import groupchat.uploads.FileUploadStore;
import groupchat.uploads.UploadStore;
import groupchat.web.ApiDocs;
import groupchat.web.HealthRoutes;
import groupchat.web.Json;
import groupchat.web.Router;
import groupchat.web.StartGate;
import groupchat.web.StaticFiles;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only place that builds the server's objects and wires them together. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Database db;
    private final Passwords passwords;
    private final Sessions sessions;
    private final SignUp signUp;
    private final AiOrchestrator ai;
    private final PageFetcher pages;
    private final SearchIndex searchIndex;
    /** Null on SQLite (one server). */
    private final Cluster cluster;
    private final Javalin javalin;
    private final KeepAlive keepAlive;
    private final NativeHeap nativeHeap = new NativeHeap();
    private final StartGate gate = new StartGate();
    private final List<String> tableRoutes;
    private final String version = ServerVersion.read();

    public App(Config config, Clock clock) {
        this.config = config;
        Timestamps time = new Timestamps(clock);
        this.db = database(config, time);

        ObjectMapper json = Json.newMapper();
        Hub hub = new Hub(json);
        // Who is in which room, cached; membership events keep it true on their way to the hub.
        Memberships memberships = new Memberships(db, config.postgres() != null);
        // Several servers on one PostgreSQL: events, room order, AI answers and rate limits go through it.
        this.cluster = cluster(config, hub, memberships, json);
        // Each room's newest history page, encoded; every room event drops what it changed on its way to
        // the hub. Not with PostgreSQL: there the bus brings another server's change a moment after its commit.
        NewestPages newestPages = cluster == null ? NewestPages.kept() : NewestPages.none();
        // Every room event: to this server's hub, or over the bus to every server's hub.
        RoomEvents events = cluster == null ? newestPages.watching(memberships.watching(hub)) : cluster.events();
        // Events for one user's own connections (read markers, a new direct room), on every server.
        UserEvents userEvents = cluster == null ? hub : cluster.userEvents();
        RateLimits limits = cluster == null ? RateLimits.from(config) : RateLimits.from(config, cluster.rateLimitStore());
        this.passwords = new Passwords();
        Tokens tokens = new Tokens(JwtSecret.resolve(config), Duration.ofHours(config.jwtTtlHours()), clock);
        this.sessions = new Sessions(db, tokens, time);
        UserCache userCache = new UserCache(db, newestPages::forgetAll);
        Authenticator authenticator = new Authenticator(sessions, userCache);
        this.signUp = new SignUp(config.operator());
        Accounts accounts = new Accounts(db, passwords, signUp, time);

        // With PostgreSQL, files live in the database too, so every server serves every file.
        UploadStore uploadStore = config.postgres() != null ? new DatabaseUploadStore(db, time, config.uploadsDir())
                : new FileUploadStore(config.uploadsDir());
        UploadService uploadService = new UploadService(db, uploadStore, time, userCache);
        UploadRoutes uploadRoutes = new UploadRoutes(uploadService, uploadStore);
        StaticFiles staticFiles = new StaticFiles(config.staticDir());
        // A room's messages, human or AI, are stored and announced under one lock per room.
        RoomOrder roomOrder = cluster == null ? new RoomOrder() : cluster.roomOrder();
        // AI assistant: one HTTP client for OpenRouter, the model list and the search providers.
        AiLimits aiLimits = AiLimits.from(config);
        HttpClient aiHttp = new LazyHttpClient(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(aiLimits.connectTimeout()).build());
        ModelCatalog models = new ModelCatalog(aiHttp, json, config.openrouterBaseUrl(),
                config.openrouterApiKey(), config.defaultModel(), config.aiCosts().models(), config.aiEnabled(),
                Duration.ofMinutes(10), Duration.ofSeconds(15), clock);
        requireOffered(models);
        Budgets budgets = new Budgets(db, time, config.aiCosts(), config.aiName());
        AssistantMessages assistantMessages = new AssistantMessages(db, events, time, roomOrder, uploadService, json,
                config.aiName());
        this.pages = new PageFetcher(AddressPolicy.publicOnly(), InetAddress::getAllByName,
                new ThisServer(config.bindHost(), this::port, config.publicUrl()), aiLimits.connectTimeout(),
                aiLimits.toolTimeout(), PageFetcher.MAX_BYTES);
        this.ai = assistant(config, json, limits, aiLimits, aiHttp, pages, assistantMessages, events, models,
                budgets, cluster == null ? AnswerLeases.LOCAL : cluster.answerLeases());
        // Without an API key nothing can answer: a message that would have asked gets a notice instead.
        Assistant assistant = !config.aiEnabled() ? new AiOffNotice(assistantMessages, config.aiName(), clock)
                : cluster == null ? ai : cluster.assistant(ai);
        RoomService roomService = new RoomService(db, events, time, assistant, memberships, config.aiCosts());
        MessageService messageService = new MessageService(db, events, time, roomOrder, uploadService, assistant,
                memberships, json, config.aiName());
        InviteService inviteService = new InviteService(db, events, time);
        AuthService authService = new AuthService(db, accounts, passwords, sessions, signUp, inviteService,
                limits.auth(), time, userCache);
        // A revoked token's sockets close on every server: the bus tells the others to read the revocations.
        sessions.onRevoked(cluster == null ? hub::closeSessions : cluster.revocations(hub::closeSessions, sessions::refresh));
        AdminRoutes adminRoutes = new AdminRoutes(
                new AdminUsers(db, accounts, signUp, events, time, sessions::refresh, userCache::changed),
                new AdminRooms(db, roomService), new AdminUsage(db, time), json);
        AiRoutes aiRoutes = new AiRoutes(models, new UsageService(db, budgets));

        Duration wsIdleTimeout = Duration.ofSeconds(config.limits().wsIdleTimeoutSeconds());
        WsEndpoint wsEndpoint = new WsEndpoint(hub, events, authenticator, roomService, messageService, json,
                config.allowedOrigins(), assistant, cluster == null ? ai.liveStreams() : cluster.joinCatchUp(), limits.messages(),
                limits.wsConnectionsPerUser(), wsIdleTimeout);
        this.keepAlive = new KeepAlive(hub, wsIdleTimeout.dividedBy(3));

        AuthRoutes authRoutes = new AuthRoutes(authService, json);
        NostrRoutes nostrRoutes = new NostrRoutes(new NostrLoginService(db, sessions, signUp, time, events,
                config.publicUrl(), userCache), new NostrInviteService(db, time, events), json);
        // Everyday chat: edits, deletes and reactions, read markers, direct rooms, search.
        MessageUpdates messageUpdates = new MessageUpdates(db, roomOrder, events, json, config.aiName());
        this.searchIndex = new SearchIndex(db);
        ServerMetrics metrics = config.operator().metrics()
                ? new ServerMetrics(config.databasePath(), hub::connectionCount) : null;
        if (metrics != null) hub.observe(metrics::observe);
        Routes routes = new Routes(new HealthRoutes(db, config, version), authRoutes, nostrRoutes,
                new RoomRoutes(roomService, json),
                new MessageRoutes(messageService, new MessageHistory(db, json, config.aiName(), memberships, newestPages),
                        json),
                new InviteRoutes(inviteService, json), uploadRoutes, aiRoutes, adminRoutes, wsEndpoint, new ApiDocs(),
                new MessageChangeRoutes(new MessageEdits(messageUpdates, time), new Reactions(messageUpdates), json),
                new ReadMarkerRoutes(new ReadMarkers(db, userEvents), json),
                new DirectRoomRoutes(new DirectRooms(db, events, userEvents, time), json),
                new SearchRoutes(new SearchService(db, searchIndex, json, config.aiName())), metrics);
        this.tableRoutes = routes.table(limits).stream().map(r -> r.method().name() + " " + r.path()).toList();

        this.javalin = WebServer.create(config, json, routes, new Router(authenticator), limits, uploadRoutes,
                staticFiles, metrics, gate);
        if (!config.aiEnabled()) {
            log.warn("AI is off: OPENROUTER_API_KEY is not set. Set it (see .env.example) to let the assistant answer.");
        }
    }

    /** PostgreSQL when DATABASE_URL names it; else SQLite, backed up first (PostgreSQL has pg_dump). */
    private static Database database(Config config, Timestamps time) {
        if (config.postgres() == null) new Backups(config.backupsDir()).backUp(config.databasePath(), time.nowInstant());
        return Database.open(config);
    }

    /** What sharing the database with other servers takes; nothing on SQLite, where one server owns the file. */
    private static Cluster cluster(Config config, Hub hub, Memberships memberships, ObjectMapper json) {
        PostgresUrl url = config.postgres();
        if (url == null) return null;
        // What the bus delivers passes the membership cache and the AI streams' catch-up on its way to the hub.
        DeliveredStreams streams = new DeliveredStreams(json);
        return Cluster.start(new PgConnections(url.jdbcUrl(), url.user(), url.password()), hub, streams,
                memberships.watchingFrames(streams.watching(hub::deliver)));
    }

    /** The assistant, its upstreams (OpenRouter, search, page fetching) and its answer limit. */
    private static AiOrchestrator assistant(Config config, ObjectMapper json, RateLimits limits, AiLimits aiLimits,
                                            HttpClient aiHttp, PageFetcher pages, AiRoomGateway rooms,
                                            RoomEvents events, ModelCatalog models, Budgets budgets,
                                            AnswerLeases leases) {
        AiTools aiTools = new AiTools(WebSearch.from(config, aiHttp, json, aiLimits.toolTimeout()), pages, json);
        OpenRouterClient openRouter = new OpenRouterClient(aiHttp, json, config.openrouterBaseUrl(),
                config.openrouterApiKey(), aiLimits.streamIdleTimeout());
        return new AiOrchestrator(rooms, events, openRouter, aiTools, json, config.aiName(), config.defaultModel(),
                aiLimits, config.aiEnabled(), limits.aiAnswers(), models, budgets, leases);
    }

    /** An AI_MODELS entry the provider does not list is a typo: better refused now than in a room. */
    private void requireOffered(ModelCatalog models) {
        if (!config.aiEnabled() || config.aiCosts().models().isEmpty()) return;
        List<String> unknown = models.notOffered();
        if (unknown.isEmpty()) return;
        // Nothing started so far may outlive the refusal: on PostgreSQL the bus's listener kept
        // reconnecting to a database already gone.
        passwords.close();
        if (cluster != null) cluster.close();
        db.close();
        throw new ConfigException(unknown.stream().map(id -> "AI_MODELS: '" + id + "' is not a model that "
                + config.openrouterBaseUrl() + "/models lists").toList());
    }

    /**
     * Starts Jetty while SQLite still opens the database (see {@link SqliteDatabase}); requests wait
     * at the {@link StartGate} until the database is open and the revocations are loaded.
     */
    public App start() {
        javalin.start();
        try {
            sessions.start();
            if (!signUp.namedAdmins().isEmpty()) db.write(h -> h.attach(UserDao.class).makeAdmins(signUp.namedAdmins()));
        } catch (RuntimeException | Error e) {
            gate.refuse(e);
            // Everything the constructor started (the database's threads, the cluster's listener) stops too.
            try {
                close();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        gate.open();
        // What only runs in the background starts once the server serves, off the start-up path.
        nativeHeap.start();
        searchIndex.start();
        keepAlive.start();
        passwords.warmUp();
        log.info("GroupChat2 {} listening on {}:{}", version, config.bindHost(), javalin.port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Every route the server answers, as "METHOD /path" (for the API docs' test). */
    public List<String> routes() {
        return WebServer.routes(javalin, tableRoutes);
    }

    /** Stops accepting, lets in-flight requests finish, then closes the database. */
    @Override
    public void close() {
        javalin.stop();
        keepAlive.close();
        ai.close();
        if (cluster != null) cluster.close();
        sessions.close();
        pages.close();
        passwords.close();
        searchIndex.close();
        db.close();
        nativeHeap.close();
    }
}
