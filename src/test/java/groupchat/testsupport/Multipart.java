package groupchat.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body written out by hand, the way a browser's FormData sends it. */
public final class Multipart {
    private final String boundary = "----groupchat-test-" + UUID.randomUUID();
    private final List<byte[]> parts = new ArrayList<>();

    public static Multipart file(String filename, String contentType, byte[] bytes) {
        return new Multipart().part("file", filename, contentType, bytes);
    }

    public Multipart part(String name, String filename, String contentType, byte[] bytes) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) head.append("; filename=\"").append(filename).append('"');
        head.append("\r\n");
        if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        parts.add(out.toByteArray());
        return this;
    }

    public Multipart field(String name, String value) {
        return part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public Api.Response post(TestServer server, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body()));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return server.api().execute(request.build());
    }
}
