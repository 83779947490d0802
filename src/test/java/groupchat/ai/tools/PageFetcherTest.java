package groupchat.ai.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.fake.FakePages;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetch_page tool's guard and limits, against a real page server on 127.0.0.1. */
// Its limits are a second or two: run it alone, not beside the other test classes.
@Isolated
class PageFetcherTest {
    private final FakePages pages = FakePages.start();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** Test host names that resolve where a hostile DNS would point them; the rest resolve normally. */
    private static final Map<String, String[]> DNS = Map.of(
            "intranet.example", new String[] {"10.0.0.7"},
            "mixed.example", new String[] {"93.184.216.34", "192.168.1.20"},
            "rebind.example", new String[] {"127.0.0.1"},
            "metadata.example", new String[] {"169.254.169.254"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] fixed = DNS.get(host);
        if (fixed == null) return InetAddress.getAllByName(host);
        InetAddress[] out = new InetAddress[fixed.length];
        for (int i = 0; i < fixed.length; i++) out[i] = InetAddress.getByName(fixed[i]);
        return out;
    }

    private static PageFetcher fetcher(AddressPolicy policy) {
        return new PageFetcher(HTTP, policy, PageFetcherTest::resolve, Duration.ofSeconds(1), 2 * 1_048_576);
    }

    @AfterEach
    void close() {
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
                "http://intranet.example/", "http://mixed.example/", "http://rebind.example:" + pages.port() + "/",
                "http://metadata.example/"}) {
            ToolException e = assertThrows(ToolException.class, () -> guarded.fetch(url), url);
            assertTrue(e.getMessage().startsWith("refused"), url + ": " + e.getMessage());
        }
        assertTrue(pages.hits().isEmpty(), "the guard must refuse before connecting");
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
        assertTrue(e.getMessage().contains("private address (10.0.0.7)"), e.getMessage());
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
        String text = fetcher(AddressPolicy.publicAndLoopback()).fetch(pages.url("/huge"));
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
