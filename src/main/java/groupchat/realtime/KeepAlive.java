package groupchat.realtime;

import groupchat.background.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every open connection on this server at a fixed interval, from one thread; a client's
 * pong keeps its connection from the idle timeout. Javalin's automatic pings schedule a task per
 * connection (with a context object and a map entry, about 0.2 KiB each: 2 MiB of heap for 10,000
 * idle sockets); one sweep over the hub does the same sends.
 */
public final class KeepAlive implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

    private final Hub hub;
    private final Duration every;
    private ScheduledExecutorService timer;

    public KeepAlive(Hub hub, Duration every) {
        this.hub = hub;
        this.every = every;
    }

    public synchronized void start() {
        timer = DaemonThreads.timer("ws-pings");
        long millis = Math.max(1, every.toMillis());
        timer.scheduleAtFixedRate(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            hub.pingAll();
        } catch (RuntimeException e) {
            // A failed sweep must not end the schedule (a throwing task is never run again).
            log.error("WebSocket ping sweep failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
