package groupchat.cluster;

import groupchat.ai.AnswerLeases;
import groupchat.background.DaemonThreads;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AI answer per room across servers: a row in {@code ai_leases} per room being answered,
 * held by one server and renewed every {@value #RENEW_SECONDS} s while its answers run. A server
 * that dies stops renewing, and its leases lapse {@value #LEASE_SECONDS} s later, so the room's
 * next trigger is answered. Times are the database's, so the servers' clocks do not matter.
 *
 * <p>Database failures never fail the message that triggered an answer: taking a lease then
 * fails closed (no answer), and a lease that could not be given back lapses by itself.
 */
public final class PgAnswerLeases implements AnswerLeases, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgAnswerLeases.class);
    static final int LEASE_SECONDS = 20;
    static final int RENEW_SECONDS = 5;

    private final Jdbi db;
    /** This server process, as the holder of its leases. */
    private final String holder = UUID.randomUUID().toString();
    private final ScheduledExecutorService renewals = DaemonThreads.timer("ai-lease-renewal");

    public PgAnswerLeases(Jdbi db) {
        this.db = db;
        renewals.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public boolean acquire(String roomId, FollowUp asker) {
        try {
            return db.withExtension(LeaseDao.class, leases -> {
                // The holder may give the room back between the two statements: then try again.
                for (int attempt = 0; attempt < 3; attempt++) {
                    if (leases.take(roomId, holder, LEASE_SECONDS).isPresent()) return true;
                    if (leases.leaveFollowUp(roomId, asker) == 1) return false;
                }
                return false;
            });
        } catch (JdbiException e) {
            log.warn("Could not take the AI lease of room {}: no answer this time", roomId, e);
            return false;
        }
    }

    @Override
    public Optional<FollowUp> release(String roomId) {
        try {
            return db.withExtension(LeaseDao.class, leases -> leases.release(roomId, holder))
                    .filter(asker -> asker.userId() != null);
        } catch (JdbiException e) {
            log.warn("Could not give back the AI lease of room {}; it lapses in {} s", roomId, LEASE_SECONDS, e);
            return Optional.empty();
        }
    }

    @Override
    public void dropFollowUp(String roomId) {
        try {
            db.useExtension(LeaseDao.class, leases -> leases.dropFollowUp(roomId, holder));
        } catch (JdbiException e) {
            log.warn("Could not drop the AI follow-up of room {}", roomId, e);
        }
    }

    private void renew() {
        try {
            db.useExtension(LeaseDao.class, leases -> leases.renew(holder, LEASE_SECONDS));
        } catch (JdbiException e) {
            log.warn("Could not renew this server's AI leases; they lapse unless the next renewal works", e);
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
    }
}
