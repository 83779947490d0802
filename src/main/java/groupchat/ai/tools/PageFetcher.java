package groupchat.ai.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code fetch_page} tool: an HTTP GET of a URL the model chose, so every hop is treated as
 * hostile. Only http(s); the host is resolved here and every address it resolves to must pass
 * the {@link AddressPolicy} before a connection is made, again for each redirect (at most
 * {@value #MAX_REDIRECTS}). The HTTP client then resolves the same name through the JVM's DNS
 * cache (30 s by default), so a name that rebinds between check and connect still gets the
 * checked address. The body is read up to a size limit and the whole fetch has a deadline.
 */
public final class PageFetcher {
    static final int MAX_REDIRECTS = 3;

    /** Resolves a host name to all its addresses; tests can map names to chosen addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HttpClient http;
    private final AddressPolicy policy;
    private final Resolver resolver;
    private final Duration timeout;
    private final int maxBytes;

    /** The most a fetched page may weigh: 2 MiB. */
    public static final int MAX_BYTES = 2 * 1_048_576;

    public PageFetcher(HttpClient http, AddressPolicy policy, Resolver resolver, Duration timeout, int maxBytes) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the page fetcher checks every redirect itself");
        }
        this.http = http;
        this.policy = policy;
        this.resolver = resolver;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Readable text of the page at {@code url}, or a ToolException saying why not. */
    public String fetch(String url) throws ToolException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            check(uri);
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

    private void check(URI uri) throws ToolException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ToolException("the host " + host + " could not be resolved");
        }
        if (addresses.length == 0) throw new ToolException("the host " + host + " could not be resolved");
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw new ToolException("refused: " + host + " resolves to " + refusal + " ("
                        + address.getHostAddress() + ")");
            }
        }
    }

    private record Page(int status, String location, String contentType, byte[] body) {}

    private Page get(URI uri, long deadline) throws ToolException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new ToolException("the page took too long (more than " + timeout.toSeconds() + " s)");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("User-Agent", "GroupChat2-assistant/1 (+fetch_page)")
                .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
                .GET().build();
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, info -> new CappedBody(maxBytes));
        try {
            HttpResponse<byte[]> response = future.get(left, TimeUnit.NANOSECONDS);
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ToolException("the page took too long (more than " + timeout.toSeconds() + " s)");
        } catch (ExecutionException e) {
            throw new ToolException("the page could not be loaded (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
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

    /** Collects at most {@code max} bytes, then cancels the download: the rest is never read. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), max - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= max) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
