package groupchat.nostr;

import static groupchat.nostr.NostrLoginTest.assertRefused;
import static groupchat.nostr.NostrLoginTest.challenge;
import static groupchat.nostr.NostrLoginTest.now;
import static groupchat.nostr.NostrLoginTest.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;

import groupchat.testsupport.Api;
import groupchat.testsupport.NostrSigner;
import groupchat.testsupport.ServerExtension;
import groupchat.testsupport.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A login event tied to another server by its relay tag (a relay's NIP-42 AUTH) is not accepted here. */
class RelayTagTest {
    @RegisterExtension
    static final ServerExtension withPublicUrl = new ServerExtension(Map.of("PUBLIC_URL", "https://chat.example.com/"));
    @RegisterExtension
    static final ServerExtension withoutPublicUrl = new ServerExtension();

    private static int login(Api api, String relay) {
        String challenge = challenge(api);
        List<List<String>> tags = relay == null ? List.of(List.of("challenge", challenge))
                : List.of(List.of("relay", relay), List.of("challenge", challenge));
        var response = verify(api, NostrSigner.generate().event(now(), 22242, tags, ""), null);
        if (response.status() == 401) assertRefused(response, "signed for another server");
        return response.status();
    }

    @Test
    void anEventSignedForARelayIsRefused() {
        Api api = withPublicUrl.server().api();
        for (String relay : new String[] {"wss://relay.damus.io", "wss://chat.example.com.evil.net/",
                "wss://chat.example.com:8443/", "wss://chat.example.com/other", "ws://chat.example.com/", "nonsense",
                "https://user@chat.example.com/"}) {
            assertEquals(401, login(api, relay), relay);
        }
    }

    @Test
    void thePublicUrlInAnyOfItsFormsIsAccepted() {
        Api api = withPublicUrl.server().api();
        for (String relay : new String[] {"wss://chat.example.com", "wss://chat.example.com/", "https://chat.example.com",
                "https://CHAT.example.com:443/", "wss://chat.example.com//"}) {
            assertEquals(200, login(api, relay), relay);
        }
        assertEquals(200, login(api, null), "an event without a relay tag is checked as before");
    }

    @Test
    void withoutPublicUrlTheRequestsOwnHostIsThisServer() {
        TestServer server = withoutPublicUrl.server();
        String host = "127.0.0.1:" + server.port();
        for (String relay : new String[] {"ws://" + host, "http://" + host + "/", "wss://" + host}) {
            assertEquals(200, login(server.api(), relay), relay);
        }
        for (String relay : new String[] {"wss://relay.damus.io", "ws://127.0.0.1:" + (server.port() + 1), "ws://localhost"}) {
            assertEquals(401, login(server.api(), relay), relay);
        }
        assertEquals(200, login(server.api(), null));
    }
}
