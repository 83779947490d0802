package groupchat.cluster;

import groupchat.background.DaemonThreads;
import groupchat.realtime.Hub;
import groupchat.realtime.RoomEvents;
import groupchat.realtime.RoomFrame;
import groupchat.realtime.UserEvents;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus between servers that share one PostgreSQL database, behind {@link RoomEvents}: an
 * event published on any server is sent with NOTIFY on one channel, and every server, the
 * publisher included, hands it to its own hub when the notification comes back. PostgreSQL
 * delivers notifications to every listener once, in the order their transactions committed, so
 * every server delivers the same events in the same order; a server delivering its own events
 * only through the bus keeps that order for its own sockets too.
 *
 * <p>NOTIFY payloads must stay under 8000 bytes: a larger event is stored in
 * {@code bus_payloads} and the notification names the row, in the same transaction.
 *
 * <p>A server whose LISTEN connection breaks may have missed notifications and cannot know
 * which: it closes its WebSockets with {@link #RESYNC} (their clients reconnect and catch up
 * with {@code after=}), reconnects, and closes again the sockets that came while it was away.
 */
public final class PgBus implements RoomEvents, UserEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgBus.class);
    static final String CHANNEL = "groupchat_bus";
    /** Close code 1012 (service restart): reconnect; the reason tells the client to catch up. */
    public static final int RESYNC = 1012;
    public static final String RESYNC_REASON = "missed events: reconnect and catch up with GET messages?after=";
    /** NOTIFY refuses payloads of 8000 bytes or more; a little is kept spare. */
    static final int MAX_INLINE_BYTES = 7_900;
    private static final long HEARTBEAT_MILLIS = 1_000;
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final Hub hub;
    private final Consumer<RoomFrame> deliver;
    private final DataSource publishers;
    private final PgConnections postgres;
    private final Map<String, Consumer<String>> signals = new ConcurrentHashMap<>();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;

    /**
     * @param deliver    hands a room event to this server's hub (through the membership cache)
     * @param publishers autocommit connections used only to publish (never the storage pool)
     */
    public PgBus(Hub hub, Consumer<RoomFrame> deliver, DataSource publishers, PgConnections postgres) {
        this.hub = hub;
        this.deliver = deliver;
        this.publishers = publishers;
        this.postgres = postgres;
        this.listener = DaemonThreads.thread("bus-listener", this::listen);
    }

    /** Starts listening; returns once the first LISTEN is in place, so no event of this server's is missed. */
    public PgBus start() {
        listener.start();
        try {
            if (!firstListen.await(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bus could not LISTEN on " + postgres + " within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the bus", e);
        }
        return this;
    }

    @Override
    public void publish(String roomId, Object event) {
        send(BusWire.room(hub.frame(roomId, event)));
    }

    /** To the user's connections on every server (read markers, a new direct room). */
    @Override
    public void publishToUser(String userId, Object event) {
        send(BusWire.user(userId, hub.encode(event)));
    }

    /** Sends {@code body} to the handler of {@code topic} on every server, this one included. */
    public void signal(String topic, String body) {
        send(BusWire.signal(topic, body));
    }

    /** What this server does with a signal; runs on the bus's thread, in bus order: keep it short. */
    public void onSignal(String topic, Consumer<String> handler) {
        signals.put(topic, handler);
    }

    private void send(String text) {
        SQLException failure = null;
        // One retry: the pool hands out another connection when the first one had broken.
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Connection c = publishers.getConnection()) {
                notify(c, text);
                return;
            } catch (SQLException e) {
                failure = e;
            }
        }
        // The event is lost for every server; this one at least makes its own clients catch up.
        log.error("Could not publish an event on the bus; closing this server's WebSockets so their clients catch up",
                failure);
        hub.closeAll(RESYNC, RESYNC_REASON);
    }

    private static void notify(Connection c, String text) throws SQLException {
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_INLINE_BYTES) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                s.setString(1, CHANNEL);
                s.setString(2, text);
                s.execute();
            }
            return;
        }
        String id = UUID.randomUUID().toString();
        // One statement, so one transaction: the row is there before any server reads the notification.
        try (PreparedStatement s = c.prepareStatement("WITH stored AS (INSERT INTO bus_payloads (id, body)"
                + " VALUES (?, ?) RETURNING id) SELECT pg_notify(?, ?) FROM stored")) {
            s.setString(1, id);
            s.setString(2, text);
            s.setString(3, CHANNEL);
            s.setString(4, BusWire.reference(id));
            s.execute();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = postgres.connect("groupchat-bus", 5)) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (first) {
                    first = false;
                    firstListen.countDown();
                } else {
                    log.info("The bus is listening again; closing the WebSockets opened while it was away");
                    hub.closeAll(RESYNC, RESYNC_REASON);
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("Lost the bus connection ({}); closing this server's WebSockets so their clients catch up,"
                        + " and reconnecting", e.toString());
                hub.closeAll(RESYNC, RESYNC_REASON);
                pause(1_000);
            } finally {
                listening = null;
            }
        }
    }

    /** Hands notifications to the hub until the connection fails; a quiet connection is checked every second. */
    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastTraffic = System.nanoTime();
        long lastPrune = System.nanoTime();
        while (running) {
            PGNotification[] batch = pg.getNotifications((int) HEARTBEAT_MILLIS);
            long now = System.nanoTime();
            if (batch != null && batch.length > 0) {
                for (PGNotification n : batch) handle(c, n.getParameter());
                lastTraffic = now;
            } else if (now - lastTraffic >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS)) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastTraffic = now;
            }
            if (now - lastPrune >= TimeUnit.MILLISECONDS.toNanos(PRUNE_EVERY_MILLIS)) {
                prune(c);
                lastPrune = now;
            }
        }
    }

    private void handle(Connection c, String text) throws SQLException {
        String row = BusWire.referencedRow(text);
        if (row != null) {
            text = body(c, row);
            if (text == null) {
                // Pruned before this server read it: it can only have been far behind.
                log.warn("A bus payload was gone before this server read it; closing its WebSockets");
                hub.closeAll(RESYNC, RESYNC_REASON);
                return;
            }
        }
        try {
            BusWire.Message message = BusWire.decode(text);
            if (message instanceof BusWire.Room room) {
                deliver.accept(room.frame());
            } else if (message instanceof BusWire.User user) {
                hub.deliverToUser(user.userId(), user.frame());
            } else if (message instanceof BusWire.Signal signal) {
                Consumer<String> handler = signals.get(signal.topic());
                if (handler != null) handler.accept(signal.body());
            }
        } catch (RuntimeException e) {
            // One bad message or handler must not cost every socket a reconnect.
            log.error("A bus message could not be handled", e);
        }
    }

    private static String body(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM bus_payloads WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every listener read a payload within moments of its commit; ten minutes is ample. */
    private static void prune(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM bus_payloads WHERE created_at < now() - interval '10 minutes'");
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
