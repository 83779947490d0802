package groupchat.cluster;

import com.zaxxer.hikari.HikariDataSource;
import groupchat.ai.AnswerLeases;
import groupchat.ai.Assistant;
import groupchat.background.DaemonThreads;
import groupchat.messages.RoomOrder;
import groupchat.ratelimit.RateLimits;
import groupchat.realtime.Hub;
import groupchat.realtime.RoomEvents;
import groupchat.realtime.JoinCatchUp;
import groupchat.realtime.RoomFrame;
import groupchat.realtime.UserEvents;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server needs to share one PostgreSQL database with others, built and closed together:
 * the bus behind {@link RoomEvents}, the rooms' order lock across servers, one AI answer per room,
 * and rate limits counted in the database. {@code App} builds it only for PostgreSQL; on SQLite
 * none of it exists and the hub is the only {@link RoomEvents}.
 *
 * <p>Two small pools of its own, apart from the storage pool: one to publish, take leases and
 * count buckets, one for the room locks, whose holders wait for a publish connection (one pool
 * for both could be all held by lock holders, each waiting for another connection).
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final HikariDataSource shared;
    private final HikariDataSource locks;
    private final PgBus bus;
    private final PgAnswerLeases leases;
    private final SharedBuckets buckets;
    private final Revocations revocations;
    private final DeliveredStreams streams;
    private final ScheduledExecutorService sweeper = DaemonThreads.timer("rate-bucket-sweep");

    private Cluster(PgConnections postgres, Hub hub, DeliveredStreams streams, Consumer<RoomFrame> deliver) {
        this.streams = streams;
        this.shared = postgres.pool("groupchat-cluster", 4);
        this.locks = postgres.pool("groupchat-room-locks", 4);
        this.bus = new PgBus(hub, deliver, shared, postgres).start();
        this.leases = new PgAnswerLeases(Jdbi.create(shared).installPlugin(new SqlObjectPlugin()));
        this.buckets = new SharedBuckets(shared);
        this.revocations = new Revocations(bus);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Connects to the database and starts listening; returns once this server receives the bus.
     *
     * @param streams the AI streams as delivered here, for late joiners ({@code deliver} feeds it)
     * @param deliver where the bus hands every room event, this server's own included (the hub,
     *                through the membership cache and {@code streams})
     */
    public static Cluster start(PgConnections postgres, Hub hub, DeliveredStreams streams,
                                Consumer<RoomFrame> deliver) {
        return new Cluster(postgres, hub, streams, deliver);
    }

    /** A late joiner's catch-up with the AI answer streaming in its room, wherever it runs. */
    public JoinCatchUp joinCatchUp() {
        return streams;
    }

    /** Where room events go: every server's hub, in one order. */
    public RoomEvents events() {
        return bus;
    }

    /** Where events for one user's own connections go: that user's connections on every server. */
    public UserEvents userEvents() {
        return bus;
    }

    public RoomOrder roomOrder() {
        return new RoomOrder(new ClusterRoomLocks(locks));
    }

    public AnswerLeases answerLeases() {
        return leases;
    }

    public RateLimits.Store rateLimitStore() {
        return buckets::limiter;
    }

    /** The assistant as the rest of the server sees it: stop and room-gone reach every server. */
    public Assistant assistant(Assistant local) {
        return new ClusterAssistant(local, bus);
    }

    /**
     * What a server does with tokens it finds revoked ({@code local}: close their sockets), and
     * then tells the other servers, which read the revocations from the database at once instead
     * of at their next poll. A server that found them because it was told tells nobody.
     */
    public BiConsumer<String, Set<String>> revocations(BiConsumer<String, Set<String>> local, Runnable refresh) {
        return revocations.start(local, refresh);
    }

    private void sweep() {
        try {
            buckets.removeFull();
        } catch (RuntimeException e) {
            log.warn("Could not remove refilled rate buckets; the next sweep tries again", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        leases.close();
        bus.close();
        locks.close();
        shared.close();
    }
}
