package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.NostrSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nostr login from the browser client through a NIP-07 extension. The extension is a stand-in
 * the test puts on the page: it hands the event to sign to the test, which signs it with a key
 * of its own (BIP-340) and gives it back, as a real extension would after asking its user.
 */
@Tag("slow")
class NostrInBrowserTest {
    private static E2eServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void loginWithANostrExtensionCreatesTheAccount() throws Exception {
        NostrSigner key = NostrSigner.generate();
        try (Browser browser = Browser.open("nostr", 1280, 800)) {
            browser.get(server.base + "/");
            browser.script("window.nostr = {"
                    + " getPublicKey: async () => arguments[0],"
                    + " signEvent: (event) => new Promise(resolve => { window.__toSign = event; window.__signed = resolve; })"
                    + "};", key.pubkeyHex());
            browser.click(".btn-nostr");

            JsonNode template = Api.JSON.readTree((String) waitFor(browser,
                    "return window.__toSign ? JSON.stringify(window.__toSign) : null"));
            assertEquals(22242, template.get("kind").asInt());
            assertEquals("challenge", template.at("/tags/0/0").asText());
            List<List<String>> tags = new ArrayList<>();
            template.get("tags").forEach(t -> tags.add(List.of(t.get(0).asText(), t.get(1).asText())));
            JsonNode signed = key.event(template.get("created_at").asLong(), 22242, tags,
                    template.get("content").asText());
            browser.script("window.__signed(JSON.parse(arguments[0]))", signed.toString());

            String shown = browser.waitForText(".user-display", "npub1").getText();
            assertTrue(shown.startsWith("npub1"), shown);
            browser.screenshot("12-nostr-login-desktop");
            String token = (String) browser.script("return localStorage.getItem('groupchat.token')");
            JsonNode me = new Api(server.base).get("/api/auth/me", token).body();
            assertEquals(key.pubkeyHex(), me.get("nostr_pubkey").asText(), "the account belongs to the key");
        }
    }

    private static Object waitFor(Browser browser, String js) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Object value = browser.script(js);
            if (value != null) return value;
            Thread.sleep(50);
        }
        throw new AssertionError("the client never asked the extension to sign");
    }
}
