package groupchat.ai.tools;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The {@code fetch_page} tool: an HTTP GET of a URL the model chose, so every hop is treated as
 * hostile. Only http(s); the host is resolved once, by the {@link VettedResolver}, and the
 * connection goes to the addresses that passed the {@link AddressPolicy} and are not this
 * server's own ({@link ThisServer}), again for each redirect (at most {@value #MAX_REDIRECTS}).
 * Jetty's HTTP client is used because it takes that resolver (the JDK's client resolves names
 * itself) and it never reads proxy settings: no fetch goes through a proxy. The body is read up
 * to a size limit and the whole fetch has a deadline.
 */
public final class PageFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 3;

    /** Resolves a host name to all its addresses; tests can map names to chosen addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final VettedResolver vetted;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int maxBytes;
    /** Built at the first fetch: Jetty's client and its TLS set-up took a tenth of the server's start-up. */
    private HttpClient http;
    private boolean closed;

    /** The most a fetched page may weigh: 2 MiB. */
    public static final int MAX_BYTES = 2 * 1_048_576;

    public PageFetcher(AddressPolicy policy, Resolver resolver, ThisServer server, Duration connectTimeout,
                       Duration timeout, int maxBytes) {
        this.vetted = new VettedResolver(policy, resolver, server);
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    private synchronized HttpClient http() throws ToolException {
        if (closed) throw new ToolException("the server is stopping");
        if (http != null) return http;
        QueuedThreadPool threads = new QueuedThreadPool(8, 0);
        threads.setName("fetch-page");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setSocketAddressResolver(vetted);
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the page fetcher's HTTP client", e);
        }
        return http = client;
    }

    /** Readable text of the page at {@code url}, or a ToolException saying why not. */
    public String fetch(String url) throws ToolException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            Page page = get(uri, deadline);
            if (page.status >= 300 && page.status < 400 && page.location != null) {
                if (hop == MAX_REDIRECTS) throw new ToolException("too many redirects (more than " + MAX_REDIRECTS + ")");
                uri = parse(uri.resolve(page.location.strip()).toString());
                continue;
            }
            if (page.status < 200 || page.status >= 300) throw new ToolException("the page answered HTTP " + page.status);
            return text(page, uri);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http == null) return;
        try {
            http.stop();
        } catch (Exception e) {
            // stopping threads of a client nobody uses any more: nothing left to do
        }
    }

    private static URI parse(String url) throws ToolException {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ToolException("only http and https URLs can be fetched");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) throw new ToolException("the URL has no host");
            return uri;
        } catch (URISyntaxException e) {
            throw new ToolException("not a valid URL");
        }
    }

    private record Page(int status, String location, String contentType, byte[] body) {}

    private Page get(URI uri, long deadline) throws ToolException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw tooLong();
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Request request = http().newRequest(uri)
                .timeout(left, TimeUnit.NANOSECONDS)
                .followRedirects(false)
                .headers(h -> h.put(HttpHeader.USER_AGENT, "GroupChat2-assistant/1 (+fetch_page)")
                        .put(HttpHeader.ACCEPT, "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"));
        request.send(listener);
        try {
            Response response = listener.get(left, TimeUnit.NANOSECONDS);
            byte[] body;
            // Closing the stream before the end aborts the download: the rest is never read.
            try (InputStream in = listener.getInputStream()) {
                body = in.readNBytes(maxBytes);
            }
            return new Page(response.getStatus(), response.getHeaders().get(HttpHeader.LOCATION),
                    response.getHeaders().get(HttpHeader.CONTENT_TYPE) == null
                            ? "" : response.getHeaders().get(HttpHeader.CONTENT_TYPE), body);
        } catch (TimeoutException e) {
            request.abort(e);
            throw tooLong();
        } catch (ExecutionException | IOException e) {
            request.abort(e);
            VettedResolver.Refused refused = refusal(e);
            if (refused != null) throw new ToolException(refused.getMessage());
            if (System.nanoTime() - deadline >= 0 || e.getCause() instanceof TimeoutException) throw tooLong();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new ToolException("the page could not be loaded (" + cause.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    private static VettedResolver.Refused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VettedResolver.Refused refused) return refused;
        }
        return null;
    }

    private ToolException tooLong() {
        return new ToolException("the page took too long (more than " + timeout.toSeconds() + " s)");
    }

    private static String text(Page page, URI uri) throws ToolException {
        String type = page.contentType.toLowerCase(Locale.ROOT);
        String charset = charset(type);
        try {
            if (type.isEmpty() || type.startsWith("text/html") || type.startsWith("application/xhtml")) {
                return PageText.fromHtml(page.body, charset, uri.toString());
            }
            if (type.startsWith("text/") || type.contains("json") || type.contains("xml")) {
                Charset decode = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
                return PageText.tidy(new String(page.body, decode));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ToolException("the page could not be read as text");
        }
        throw new ToolException("the page is not text (" + type + ")");
    }

    private static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.startsWith("charset=")) {
                String name = p.substring(8).replace("\"", "").strip();
                return Charset.isSupported(name) ? name : null;
            }
        }
        return null;
    }
}
