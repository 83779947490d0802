package groupchat.ai;

import java.util.Optional;

/**
 * One answer per room across every server that shares the database. On one server the
 * orchestrator's own bookkeeping suffices ({@link #LOCAL}); several servers hold a lease per room
 * in the database ({@code cluster/PgAnswerLeases}).
 */
public interface AnswerLeases {
    /** Who asked, on another server, for an answer while this server's ran. */
    record FollowUp(String userId, String displayName) {}

    /**
     * Takes the room for an answer of this server. False when another server is answering there:
     * that server has then taken {@code asker} as its follow-up.
     */
    boolean acquire(String roomId, FollowUp asker);

    /** This server's answer in the room ended: who triggered a follow-up on another server meanwhile, if anyone. */
    Optional<FollowUp> release(String roomId);

    /** The running answer was stopped: a follow-up other servers left is dropped too. */
    void dropFollowUp(String roomId);

    AnswerLeases LOCAL = new AnswerLeases() {
        @Override
        public boolean acquire(String roomId, FollowUp asker) {
            return true;
        }

        @Override
        public Optional<FollowUp> release(String roomId) {
            return Optional.empty();
        }

        @Override
        public void dropFollowUp(String roomId) {
        }
    };
}
