package groupchat.nostr;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NostrLoginTest {
    @RegisterExtension
    static final ServerExtension running = new ServerExtension();
    static final TestServer server = running.server();
    static final Api api = server.api();

    static String challenge(Api api) {
        Response r = api.post("/api/auth/nostr/challenge", null, obj());
        assertEquals(200, r.status(), r.toString());
        return r.body().get("challenge").asText();
    }

    static Response verify(Api api, ObjectNode event, String token) {
        return api.post("/api/auth/nostr/verify", token, obj("event", event));
    }

    static void assertRefused(Response r, String messagePart) {
        assertEquals(401, r.status(), r.toString());
        assertEquals("unauthorized", r.body().get("code").asText());
        assertTrue(r.body().get("error").asText().contains(messagePart), r.toString());
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static List<List<String>> challengeTag(String challenge) {
        return List.of(List.of("challenge", challenge));
    }

    @Test
    void challengeIsRandomHexValidFiveMinutes() {
        Response r = api.post("/api/auth/nostr/challenge", null, obj());
        assertEquals(200, r.status());
        String challenge = r.body().get("challenge").asText();
        assertTrue(challenge.matches("[0-9a-f]{64}"), challenge);
        assertNotEquals(challenge, challenge(api));
        Duration left = Duration.between(Instant.now(), Instant.parse(r.body().get("expires_at").asText()));
        assertTrue(left.compareTo(Duration.ofMinutes(4)) > 0 && left.compareTo(Duration.ofMinutes(5)) <= 0, left::toString);
        assertTrue(r.body().get("expires_at").asText().matches(".*\\.\\d{3}Z"));
    }

    @Test
    void newKeyGetsAnAccountAndLogsIntoItLater() {
        NostrSigner key = NostrSigner.generate();
        Response first = verify(api, key.loginEvent(challenge(api)), null);
        assertEquals(200, first.status(), first.toString());
        assertTrue(first.body().get("created").asBoolean());
        var user = first.body().get("user");
        String username = Pubkeys.toNpub(key.pubkeyHex()).substring(0, 16);
        assertEquals(username, user.get("username").asText());
        assertTrue(username.startsWith("npub1"));
        assertEquals(username, user.get("display_name").asText());
        assertEquals(key.pubkeyHex(), user.get("nostr_pubkey").asText());

        Response me = api.get("/api/auth/me", first.body().get("token").asText());
        assertEquals(200, me.status());
        assertEquals(user, me.body());

        Response again = verify(api, key.loginEvent(challenge(api)), null);
        assertEquals(200, again.status(), again.toString());
        assertFalse(again.body().get("created").asBoolean());
        assertEquals(user.get("id"), again.body().get("user").get("id"));
        // No password was set, so password login cannot get in.
        assertEquals(401, api.post("/api/auth/login", null, obj("username", username, "password", "")).status());
    }

    @Test
    void replayedChallengeIsRefused() {
        NostrSigner key = NostrSigner.generate();
        String challenge = challenge(api);
        ObjectNode event = key.loginEvent(challenge);
        assertEquals(200, verify(api, event, null).status());
        assertRefused(verify(api, event, null), "already used");
        assertRefused(verify(api, key.loginEvent(challenge), null), "already used");
    }

    @Test
    void twoConcurrentVerifiesOfOneChallengeCannotBothSucceed() {
        String challenge = challenge(api);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode event = NostrSigner.generate().loginEvent(challenge);
            calls.add(CompletableFuture.supplyAsync(() -> verify(api, event, null)));
        }
        List<Integer> statuses = calls.stream().map(c -> c.join().status()).sorted().toList();
        assertEquals(List.of(200, 401, 401, 401, 401, 401), statuses);
    }

    @Test
    void unknownChallengeIsRefused() {
        assertRefused(verify(api, NostrSigner.generate().loginEvent("ab".repeat(32)), null), "Challenge");
        assertRefused(verify(api, NostrSigner.generate().loginEvent("nope"), null), "Challenge");
    }

    @Test
    void everyBadEventIsRefusedAndLeavesTheChallengeUsable() {
        NostrSigner key = NostrSigner.generate();
        String challenge = challenge(api);
        long now = now();

        assertRefused(verify(api, key.event(now, 1, challengeTag(challenge), ""), null), "kind must be 22242");
        assertRefused(verify(api, key.event(now, 22242, List.of(List.of("relay", "wss://x")), ""), null),
                "no [\"challenge\"");
        assertRefused(verify(api, key.event(now, 22242,
                List.of(List.of("challenge", challenge), List.of("challenge", challenge)), ""), null),
                "more than one challenge");
        assertRefused(verify(api, key.event(now - 700, 22242, challengeTag(challenge), ""), null), "10 minutes");
        assertRefused(verify(api, key.event(now + 700, 22242, challengeTag(challenge), ""), null), "10 minutes");

        // Wrong id, validly signed: the id is not the hash of this event.
        String wrongId = NostrSigner.jacksonId(key.pubkeyHex(), now, 22242, challengeTag(challenge), "other");
        assertRefused(verify(api, key.withId(wrongId, now, 22242, challengeTag(challenge), ""), null), "id");

        ObjectNode badSig = key.loginEvent(challenge);
        String sig = badSig.get("sig").asText();
        badSig.put("sig", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
        assertRefused(verify(api, badSig, null), "signature");

        // Someone else's signature over the right id.
        ObjectNode stolen = key.loginEvent(challenge);
        stolen.put("sig", NostrSigner.generate().loginEvent(challenge).get("sig").asText());
        assertRefused(verify(api, stolen, null), "signature");

        ObjectNode otherKey = key.loginEvent(challenge);
        otherKey.put("pubkey", NostrSigner.generate().pubkeyHex());
        assertRefused(verify(api, otherKey, null), "id");

        for (String field : List.of("id", "pubkey", "created_at", "kind", "tags", "content", "sig")) {
            ObjectNode missing = key.loginEvent(challenge);
            missing.remove(field);
            assertRefused(verify(api, missing, null), "'" + field + "'");
        }
        ObjectNode floatTime = key.loginEvent(challenge);
        floatTime.put("created_at", (double) now);
        assertRefused(verify(api, floatTime, null), "'created_at'");
        ObjectNode textTime = key.loginEvent(challenge);
        textTime.put("created_at", String.valueOf(now));
        assertRefused(verify(api, textTime, null), "'created_at'");
        ObjectNode badTags = key.loginEvent(challenge);
        badTags.set("tags", Api.JSON.valueToTree(List.of(List.of("challenge", 5))));
        assertRefused(verify(api, badTags, null), "'tags'");
        assertRefused(api.post("/api/auth/nostr/verify", null, obj()), "'event'");
        assertRefused(api.post("/api/auth/nostr/verify", null, obj("event", "text")), "'event'");
        assertEquals(400, api.post("/api/auth/nostr/verify", null, "{not json").status());

        Response ok = verify(api, key.loginEvent(challenge), null);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.body().get("created").asBoolean());
    }

    @Test
    void trickyContentAndTagsHashLikeNip01() {
        String content = "say \"hi\" \\ back\nline\ttab\rcr\bbs\fff / <b> é 中文 😀 \u007f";
        // Jackson, used by the test signer, spells it as NIP-01 does: checked here against a literal.
        String expected = "[0,\"" + "ab".repeat(32) + "\",1,22242,[[\"t\",\"q\\\"b\\\\\"]],"
                + "\"say \\\"hi\\\" \\\\ back\\nline\\ttab\\rcr\\bbs\\fff / <b> é 中文 😀 \u007f\"]";
        assertEquals(NostrSigner.sha256Hex(expected),
                NostrSigner.jacksonId("ab".repeat(32), 1, 22242, List.of(List.of("t", "q\"b\\")), content));

        NostrSigner key = NostrSigner.generate();
        String challenge = challenge(api);
        List<List<String>> tags = List.of(List.of("challenge", challenge), List.of("t", "q\"b\\\n\tü"));
        Response r = verify(api, key.event(now(), 22242, tags, content), null);
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void otherControlCharactersHashEitherAsNip01OrAsJsonStringify() {
        NostrSigner key = NostrSigner.generate();
        String content = "a\u0001b\u001fc";
        for (String spelled : List.of("a\u0001b\u001fc", "a\\u0001b\\u001fc")) {
            String challenge = challenge(api);
            long now = now();
            String serialized = "[0,\"" + key.pubkeyHex() + "\"," + now + ",22242,[[\"challenge\",\"" + challenge
                    + "\"]],\"" + spelled + "\"]";
            String id = NostrSigner.sha256Hex(serialized);
            Response r = verify(api, key.withId(id, now, 22242, challengeTag(challenge), content), null);
            assertEquals(200, r.status(), spelled + ": " + r);
        }
        // Jackson's upper-case \u001F is neither spelling.
        String challenge = challenge(api);
        assertRefused(verify(api, key.event(now(), 22242, challengeTag(challenge), content), null), "id");
    }

    @Test
    void bearerTokenLinksTheKeyToThatAccount() {
        var alice = api.register("linkalice");
        NostrSigner key = NostrSigner.generate();
        Response linked = verify(api, key.loginEvent(challenge(api)), alice.token());
        assertEquals(200, linked.status(), linked.toString());
        assertFalse(linked.body().get("created").asBoolean());
        assertEquals(alice.id(), linked.body().get("user").get("id").asText());
        assertEquals("linkalice", linked.body().get("user").get("username").asText());
        assertEquals(key.pubkeyHex(), linked.body().get("user").get("nostr_pubkey").asText());

        Response login = verify(api, key.loginEvent(challenge(api)), null);
        assertEquals(alice.id(), login.body().get("user").get("id").asText());
        assertFalse(login.body().get("created").asBoolean());
        // Linking again is harmless.
        assertEquals(200, verify(api, key.loginEvent(challenge(api)), alice.token()).status());
    }

    @Test
    void linkingAKeyOfAnotherAccountIsConflictAndChangesNothing() {
        NostrSigner key = NostrSigner.generate();
        Response owner = verify(api, key.loginEvent(challenge(api)), null);
        var bob = api.register("linkbob");
        String challenge = challenge(api);
        Response r = verify(api, key.loginEvent(challenge), bob.token());
        assertEquals(409, r.status(), r.toString());
        assertEquals("conflict", r.body().get("code").asText());
        assertTrue(api.get("/api/auth/me", bob.token()).body().get("nostr_pubkey").isNull());
        // The challenge was not used up by the refused link.
        Response login = verify(api, key.loginEvent(challenge), null);
        assertEquals(200, login.status(), login.toString());
        assertEquals(owner.body().get("user").get("id"), login.body().get("user").get("id"));
    }

    @Test
    void invalidBearerTokenIsRefused() {
        String challenge = challenge(api);
        NostrSigner key = NostrSigner.generate();
        assertRefused(verify(api, key.loginEvent(challenge), "not-a-token"), "token");
        assertEquals(200, verify(api, key.loginEvent(challenge), null).status());
    }

    @Test
    void takenUsernameGetsANumberSuffix() {
        NostrSigner key = NostrSigner.generate();
        String base = Pubkeys.toNpub(key.pubkeyHex()).substring(0, 16);
        api.register(base.toUpperCase());
        api.register(base + "-2");
        Response r = verify(api, key.loginEvent(challenge(api)), null);
        assertEquals(200, r.status(), r.toString());
        assertEquals(base + "-3", r.body().get("user").get("username").asText());

        NostrSigner other = NostrSigner.generate();
        String otherBase = Pubkeys.toNpub(other.pubkeyHex()).substring(0, 16);
        api.register(otherBase);
        assertEquals(otherBase + "-2",
                verify(api, other.loginEvent(challenge(api)), null).body().get("user").get("username").asText());
    }

    @Test
    void upperCaseHexPubkeyIsStoredLowerCase() {
        NostrSigner key = NostrSigner.generate();
        String challenge = challenge(api);
        long now = now();
        String upper = key.pubkeyHex().toUpperCase();
        String id = NostrSigner.jacksonId(upper, now, 22242, challengeTag(challenge), "");
        ObjectNode event = key.withId(id, now, 22242, challengeTag(challenge), "");
        event.put("pubkey", upper);
        Response r = verify(api, event, null);
        assertEquals(200, r.status(), r.toString());
        assertEquals(key.pubkeyHex(), r.body().get("user").get("nostr_pubkey").asText());
    }

    @Test
    void usedChallengeStaysUsedAfterRestart() {
        TestServer own = TestServer.start();
        try {
            String challenge = challenge(own.api());
            ObjectNode event = NostrSigner.generate().loginEvent(challenge);
            assertEquals(200, verify(own.api(), event, null).status());
            String unused = challenge(own.api());
            own = own.restart(Map.of());
            assertRefused(verify(own.api(), event, null), "already used");
            assertEquals(200, verify(own.api(), NostrSigner.generate().loginEvent(unused), null).status());
        } finally {
            own.close();
        }
    }
}
