package groupchat.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of every route, kept by hand in
 * {@code src/main/resources/openapi.json} (OpenApiTest fails when a route is missing from it).
 */
public final class ApiDocs {
    private final byte[] document;

    public ApiDocs() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing from the jar");
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
