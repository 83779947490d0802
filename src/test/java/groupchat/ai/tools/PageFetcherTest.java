package groupchat.ai.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import groupchat.testsupport.fake.FakePages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The fetch_page tool's guard and limits, against a real page server on 127.0.0.1. */
// Its limits are a second or two: run it alone, not beside the other test classes.
@Isolated
class PageFetcherTest {
    private final FakePages pages = FakePages.start();
    /** No server runs beside these fetches: nothing is refused as "this server". */
    private static final ThisServer NO_SERVER = new ThisServer(null, () -> -1, null);
    private final List<PageFetcher> fetchers = new ArrayList<>();

    /** Test host names that resolve where a hostile DNS would point them; the rest resolve normally. */
    private static final Map<String, String[]> DNS = Map.of(
            "intranet.example", new String[] {"10.0.0.7"},
            "mixed.example", new String[] {"93.184.216.34", "192.168.1.20"},
            "rebind.example", new String[] {"127.0.0.1"},
            "public.example", new String[] {"127.0.0.1"},
            "metadata.example", new String[] {"169.254.169.254"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] fixed = DNS.get(host);
        if (fixed == null) return InetAddress.getAllByName(host);
        InetAddress[] out = new InetAddress[fixed.length];
        for (int i = 0; i < fixed.length; i++) out[i] = InetAddress.getByName(fixed[i]);
        return out;
    }

    private PageFetcher fetcher(AddressPolicy policy) {
        return fetcher(policy, PageFetcherTest::resolve, NO_SERVER);
    }

    private PageFetcher fetcher(AddressPolicy policy, PageFetcher.Resolver resolver, ThisServer server) {
        return fetcher(policy, resolver, server, Duration.ofSeconds(1));
    }

    private PageFetcher fetcher(AddressPolicy policy, PageFetcher.Resolver resolver, ThisServer server,
                                Duration timeout) {
        PageFetcher fetcher = new PageFetcher(policy, resolver, server, Duration.ofSeconds(2), timeout, 2 * 1_048_576);
        fetchers.add(fetcher);
        return fetcher;
    }

    @AfterEach
    void close() {
        fetchers.forEach(PageFetcher::close);
        pages.close();
    }

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRefused() {
        pages.page("/", "text/plain", "secret");
        PageFetcher guarded = fetcher(AddressPolicy.publicOnly());
        for (String url : new String[] {pages.url("/"), "http://localhost:" + pages.port() + "/",
                "http://10.1.2.3/", "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:" + pages.port() + "/", "http://[fe80::1]/", "http://[fd12::1]/", "http://0.0.0.0/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/",
                "http://[::7f00:1]/", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/",
                "http://intranet.example/", "http://mixed.example/", "http://rebind.example:" + pages.port() + "/",
                "http://metadata.example/"}) {
            ToolException e = assertThrows(ToolException.class, () -> guarded.fetch(url), url);
            assertTrue(e.getMessage().startsWith("refused"), url + ": " + e.getMessage());
        }
        assertTrue(pages.hits().isEmpty(), "the guard must refuse before connecting");
    }

    /** IPv6 addresses that carry an IPv4 address (compatible, NAT64, 6to4) are judged by that address. */
    @Test
    void embeddedIpv4AddressesAreJudgedByTheAddressInside() throws Exception {
        AddressPolicy policy = AddressPolicy.publicOnly();
        for (String refused : new String[] {"::7f00:1", "::a00:1", "64:ff9b::7f00:1", "64:ff9b::c0a8:101",
                "2002:7f00:1::1", "2002:a9fe:a9fe::", "64:ff9b::6440:1"}) {
            assertNotNull(policy.refusal(InetAddress.getByName(refused)), refused);
        }
        for (String allowed : new String[] {"64:ff9b::808:808", "2002:808:808::1", "2606:4700:4700::1111"}) {
            assertNull(policy.refusal(InetAddress.getByName(allowed)), allowed);
        }
    }

    @Test
    void refusalsNeverNameTheAddressTheyResolvedTo() {
        PageFetcher guarded = fetcher(AddressPolicy.publicOnly());
        for (String host : DNS.keySet()) {
            ToolException e = assertThrows(ToolException.class, () -> guarded.fetch("http://" + host + "/"), host);
            for (String address : DNS.get(host)) {
                assertFalse(e.getMessage().contains(address), host + ": " + e.getMessage());
            }
        }
    }

    @Test
    void theConnectionGoesToTheAddressThatWasCheckedWithoutASecondLookup() throws Exception {
        pages.page("/", "text/plain", "checked page");
        // A rebinding DNS: a harmless address for the check, a private one for any later lookup.
        AtomicInteger lookups = new AtomicInteger();
        PageFetcher.Resolver rebinding = host -> new InetAddress[] {
                address(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.0.0.7")};
        PageFetcher fetcher = fetcher(AddressPolicy.publicAndLoopback(), rebinding, NO_SERVER);
        assertEquals("checked page", fetcher.fetch("http://rebinding.example:" + pages.port() + "/"));
        assertEquals(1, lookups.get(), "one lookup, and the connection used its answer");
        assertEquals(List.of("/"), pages.hits());
    }

    @Test
    void proxySettingsAreNeverUsed() throws Exception {
        pages.page("/direct", "text/plain", "straight from the page");
        try (FakePages proxy = FakePages.start()) {
            proxy.page("/direct", "text/plain", "through the proxy");
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
            try {
                String text = fetcher(AddressPolicy.publicAndLoopback())
                        .fetch("http://public.example:" + pages.port() + "/direct");
                assertEquals("straight from the page", text);
                assertTrue(proxy.hits().isEmpty(), "the proxy saw " + proxy.hits());
            } finally {
                System.clearProperty("http.proxyHost");
                System.clearProperty("http.proxyPort");
            }
        }
    }

    @Test
    void thisServersOwnAddressesAreRefused() throws Exception {
        pages.page("/api/health", "text/plain", "the server itself");
        // The page server stands in for this server: bound on 127.0.0.1 at its port.
        PageFetcher byBind = fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve,
                new ThisServer("127.0.0.1", pages::port, null));
        for (String url : new String[] {pages.url("/api/health"), "http://public.example:" + pages.port() + "/api/health"}) {
            ToolException e = assertThrows(ToolException.class, () -> byBind.fetch(url), url);
            assertTrue(e.getMessage().contains("this server itself"), e.getMessage());
        }
        PageFetcher byAllInterfaces = fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve,
                new ThisServer("0.0.0.0", pages::port, null));
        assertThrows(ToolException.class, () -> byAllInterfaces.fetch(pages.url("/api/health")));
        // PUBLIC_URL's host is refused by name, and so is every address it resolves to, on any port.
        PageFetcher byPublicUrl = fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve,
                new ThisServer("127.0.0.1", () -> 1, "https://public.example/chat"));
        for (String url : new String[] {"https://PUBLIC.example/", "http://127.0.0.1:" + pages.port() + "/api/health"}) {
            ToolException e = assertThrows(ToolException.class, () -> byPublicUrl.fetch(url), url);
            assertTrue(e.getMessage().contains("this server itself"), e.getMessage());
        }
        assertTrue(pages.hits().isEmpty(), "refused before connecting: " + pages.hits());
        // Another port of the same machine is an ordinary (here: allowed loopback) address.
        assertEquals("the server itself", fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve,
                new ThisServer("127.0.0.1", () -> pages.port() + 1, null)).fetch(pages.url("/api/health")));
    }

    @Test
    void httpsCertificatesAreVerified(@TempDir Path dir) throws Exception {
        // A server whose certificate no trusted authority signed, though it names the host asked for.
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "page", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=public.example",
                "-ext", "SAN=dns:public.example", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger requests = new AtomicInteger();
        https.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "secret".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        try {
            String url = "https://public.example:" + https.getAddress().getPort() + "/";
            // A first TLS handshake can be slow on a busy machine: this test is about the outcome.
            PageFetcher patient = fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve, NO_SERVER,
                    Duration.ofSeconds(30));
            ToolException e = assertThrows(ToolException.class, () -> patient.fetch(url));
            assertTrue(e.getMessage().contains("could not be loaded (SSLHandshakeException)"), e.getMessage());
            assertEquals(0, requests.get(), "nothing is sent to a server whose certificate did not verify");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void nonHttpSchemesAreRefused() {
        PageFetcher guarded = fetcher(AddressPolicy.publicOnly());
        for (String url : new String[] {"file:///etc/passwd", "ftp://example.com/", "gopher://example.com/",
                "jar:file:/x.jar!/a", "javascript:alert(1)", "//example.com/x"}) {
            ToolException e = assertThrows(ToolException.class, () -> guarded.fetch(url), url);
            assertTrue(e.getMessage().contains("only http and https"), url + ": " + e.getMessage());
        }
    }

    @Test
    void redirectToAPrivateAddressIsRefused() {
        pages.redirect("/go", "http://intranet.example/admin");
        pages.redirect("/go-loop", "http://127.0.0.2:" + pages.port() + "/x");
        PageFetcher fetcher = fetcher(AddressPolicy.publicAndLoopback());
        ToolException e = assertThrows(ToolException.class, () -> fetcher.fetch(pages.url("/go")));
        assertTrue(e.getMessage().contains("intranet.example resolves to a private address"), e.getMessage());
        assertFalse(e.getMessage().contains("10.0.0.7"), "the model is not told internal addresses: " + e.getMessage());
        // The loopback-allowing policy still refuses every other private range.
        assertEquals(AddressPolicy.publicAndLoopback().refusal(address("192.168.0.1")), "a private address");
    }

    @Test
    void redirectsAreFollowedUpToThree() throws Exception {
        pages.redirect("/a1", "/a2").redirect("/a2", "/a3").redirect("/a3", pages.url("/final"));
        pages.redirect("/b1", "/b2").redirect("/b2", "/b3").redirect("/b3", "/b4").redirect("/b4", "/final");
        pages.page("/final", "text/plain", "arrived");
        PageFetcher fetcher = fetcher(AddressPolicy.publicAndLoopback());
        assertEquals("arrived", fetcher.fetch(pages.url("/a1")));
        ToolException e = assertThrows(ToolException.class, () -> fetcher.fetch(pages.url("/b1")));
        assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
    }

    @Test
    void bodyIsReadUpToTwoMegabytesOnly() throws Exception {
        pages.endless("/huge");
        // The size cap ends this fetch, not the deadline (generous, for a busy machine).
        String text = fetcher(AddressPolicy.publicAndLoopback(), PageFetcherTest::resolve, NO_SERVER,
                Duration.ofSeconds(20)).fetch(pages.url("/huge"));
        assertTrue(text.contains("more and more text"));
        assertTrue(text.length() <= 2 * 1_048_576, "length " + text.length());
    }

    @Test
    void slowPageTimesOut() {
        pages.slow("/slow", 5_000);
        ToolException e = assertThrows(ToolException.class,
                () -> fetcher(AddressPolicy.publicAndLoopback()).fetch(pages.url("/slow")));
        assertTrue(e.getMessage().contains("took too long"), e.getMessage());
    }

    @Test
    void errorsAndNonTextPagesAreReported() {
        pages.page("/image", "image/png", "\u0089PNG");
        PageFetcher fetcher = fetcher(AddressPolicy.publicAndLoopback());
        assertTrue(assertThrows(ToolException.class, () -> fetcher.fetch(pages.url("/missing")))
                .getMessage().contains("HTTP 404"));
        assertTrue(assertThrows(ToolException.class, () -> fetcher.fetch(pages.url("/image")))
                .getMessage().contains("not text"));
    }

    @Test
    void htmlBecomesReadableText() throws Exception {
        pages.page("/doc", "text/html", "<html><head><title> The Title </title><style>.x{}</style></head><body>"
                + "<nav><ul><li>Home</li><li>About</li></ul></nav><script>alert(1)</script>"
                + "<h1>Heading</h1><p>First   paragraph with <a href='/x'>a link</a>.</p><p>Second<br>line</p>"
                + "</body></html>");
        String text = fetcher(AddressPolicy.publicAndLoopback()).fetch(pages.url("/doc"));
        assertTrue(text.startsWith("The Title\n\n"), text);
        assertTrue(text.contains("First paragraph with a link."), text);
        assertTrue(text.contains("Second\nline"), text);
        assertTrue(text.contains("Heading"), text);
        assertTrue(!text.contains("alert") && !text.contains(".x{}") && !text.contains("<"), text);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
