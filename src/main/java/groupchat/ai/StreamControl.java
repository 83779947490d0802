package groupchat.ai;

/**
 * Lets the orchestrator stop one running answer from another thread: {@link #stop} keeps what
 * was said so far, {@link #abort} (the room was cleared or deleted) keeps nothing.
 */
final class StreamControl {
    private volatile boolean stopped;
    private volatile boolean aborted;
    private Runnable canceller;

    void stop() {
        stopped = true;
        cancelNow();
    }

    void abort() {
        aborted = true;
        stop();
    }

    boolean stopped() {
        return stopped;
    }

    boolean aborted() {
        return aborted;
    }

    /** Registers how to cancel the current upstream request; runs it at once if already stopped. */
    void onCancel(Runnable cancel) {
        synchronized (this) {
            canceller = cancel;
        }
        if (stopped) cancel.run();
    }

    private void cancelNow() {
        Runnable cancel;
        synchronized (this) {
            cancel = canceller;
        }
        if (cancel != null) cancel.run();
    }

    /** Thrown inside an answer once it has been stopped. */
    static final class Stopped extends Exception {
        Stopped() {
            super("stopped", null, false, false);
        }
    }
}
