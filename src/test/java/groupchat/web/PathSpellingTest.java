package groupchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Upload;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A route's limits hold however its path is spelled: the limit belongs to the route, not to a string. */
class PathSpellingTest {
    private static final int SIGN_IN_LIMIT = 5;

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login", "/api/auth/login/", "//api/auth//login", "/api/auth/%6Cogin",
            "/api/auth/%6cogin", "/api//auth/login//"})
    void hundredWrongPasswordsAreLimitedLikeThePlainPath(String spelling) {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMITS", "on",
                "RATE_LIMIT_AUTH_PER_MINUTE", String.valueOf(SIGN_IN_LIMIT)))) {
            int checked = 0;
            int refused = 0;
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                Response r = server.api().post(spelling, null, Api.obj("username", "alice", "password", "guess" + i));
                if (r.status() == 401) checked++;
                else if (r.status() == 429) refused++;
            }
            // The bucket refills one sign-in every 60/SIGN_IN_LIMIT s; a slow machine may see some of that.
            long refilled = (System.nanoTime() - started) / 1_000_000_000L / (60 / SIGN_IN_LIMIT);
            assertTrue(checked >= SIGN_IN_LIMIT && checked <= SIGN_IN_LIMIT + refilled,
                    spelling + ": " + checked + " passwords checked, " + refilled + " refilled");
            assertEquals(100 - checked, refused, spelling + ": every other attempt refused");
        }
    }

    @Test
    void everySpellingSpendsTheSameBudget() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMITS", "on", "RATE_LIMIT_AUTH_PER_MINUTE", "3",
                "RATE_LIMIT_MESSAGES_PER_MINUTE", "3", "RATE_LIMIT_UPLOADS_PER_MINUTE", "2"))) {
            Api api = server.api();
            TestUser alice = api.register("alice"); // the first of 3 sign-ins
            assertEquals(401, api.post("/api/auth/login/", null, Api.obj("username", "x", "password", "y")).status());
            assertEquals(200, api.post("//api/auth/nostr/%63hallenge", null, Api.obj()).status());
            Response refused = api.post("/api/auth/register/", null,
                    Api.obj("username", "bob", "password", "password123"));
            assertEquals(429, refused.status());
            assertTrue(refused.body().get("error").asText().startsWith("Too many sign-ins"), refused.toString());

            String room = api.post("/api/rooms/", alice.token(), Api.obj("name", "r")).body().get("id").asText();
            assertEquals(201, api.post("/api/rooms/" + room + "/messages/", alice.token(), Api.obj("content", "1")).status());
            assertEquals(201, api.post("/api/rooms//" + room + "/messages", alice.token(), Api.obj("content", "2")).status());
            assertEquals(201, api.post("/api/rooms/" + room + "/%6Dessages", alice.token(), Api.obj("content", "3")).status());
            assertEquals(429, api.post("/api/rooms/" + room + "/messages", alice.token(), Api.obj("content", "4")).status());

            assertEquals(201, Upload.png(server, "/api/upload/", alice.token()).status());
            assertEquals(200, Upload.png(server, "//api/auth/%61vatar", alice.token()).status());
            assertEquals(429, Upload.png(server, "/api/upload", alice.token()).status());
        }
    }

    @Test
    void aTrailingSlashAnswersTheSame() {
        try (TestServer server = TestServer.start()) {
            TestUser alice = server.api().register("alice");
            Response plain = server.api().get("/api/auth/me", alice.token());
            Response slashed = server.api().get("/api/auth/me/", alice.token());
            assertEquals(200, slashed.status());
            assertEquals(plain.body(), slashed.body());
            assertEquals(401, server.api().get("/api/auth/me/", null).status(), "auth holds for every spelling");
            assertEquals(401, server.api().get("//api/auth/%6De", null).status());
        }
    }

    @Test
    void anEncodedSlashOrDotNeverBecomesAPathSeparator() {
        assertEquals("/api/auth/login", PathSpelling.canonical("//api//auth/%6c%6F%67in"));
        assertEquals("/uploads/%2e%2e/%2Fchat.db", PathSpelling.canonical("/uploads/%2e%2e/%2Fchat.db"));
        assertEquals("/a/%ZZ/%4", PathSpelling.canonical("/a/%ZZ/%4"));
    }
}
