package groupchat.cluster;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Revoked tokens (logout, a password change, a disabled account) reach every server at once. The
 * server that revokes finds the new rows when it refreshes its revocation list, closes the
 * tokens' sockets and sends a signal; every other server then refreshes from the database
 * (closing its own sockets of those tokens) without signalling again. Each server's regular
 * poll still catches a signal that was lost.
 */
final class Revocations {
    private static final String TOPIC = "sessions_revoked";

    private final PgBus bus;
    /** True on the bus's thread while it refreshes because of a signal. */
    private final ThreadLocal<Boolean> told = ThreadLocal.withInitial(() -> false);

    Revocations(PgBus bus) {
        this.bus = bus;
    }

    BiConsumer<String, Set<String>> start(BiConsumer<String, Set<String>> local, Runnable refresh) {
        bus.onSignal(TOPIC, body -> {
            told.set(true);
            try {
                refresh.run();
            } finally {
                told.set(false);
            }
        });
        return (userId, tokenIds) -> {
            local.accept(userId, tokenIds);
            if (!told.get()) bus.signal(TOPIC, userId);
        };
    }
}
