package groupchat.config;

import java.util.Set;

/**
 * Who runs the server: sign-up mode, the accounts named as admins, and whether /metrics is served.
 *
 * @param registration who may create an account (the first account of an empty server always may)
 * @param adminUsers   ADMIN_USERS, as lower-case username keys
 * @param metrics      METRICS=on serves Prometheus text at /metrics
 */
public record Operator(Registration registration, Set<String> adminUsers, boolean metrics) {
    public enum Registration { OPEN, INVITE, CLOSED }

    public static Operator defaults() {
        return new Operator(Registration.OPEN, Set.of(), false);
    }
}
