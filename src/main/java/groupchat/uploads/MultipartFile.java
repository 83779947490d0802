package groupchat.uploads;

import groupchat.web.ApiError;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code file} part of a multipart upload, read with the limits of its kind. Jetty parses the
 * body as it streams in, spools parts to disk past a few KiB, and gives up as soon as the part
 * passes the limit, so no upload is ever held whole in memory.
 */
final class MultipartFile implements AutoCloseable {
    /** Room for the multipart framing and part headers around the file itself. */
    static final long FRAMING_ALLOWANCE = 64 * 1024;
    /** Parts up to this size stay in memory; bigger ones go to the spool folder. */
    static final int IN_MEMORY_BYTES = 16 * 1024;
    // Jetty reads the multipart limits for a request from this attribute (Javalin sets it the same way).
    private static final String JETTY_MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final Part part;

    private MultipartFile(Part part) {
        this.part = part;
    }

    static MultipartFile read(Context ctx, UploadKind kind, Path spool) {
        // A declared length that cannot fit is refused before a single body byte is read.
        long declared = ctx.req().getContentLengthLong();
        if (declared > kind.maxBytes() + FRAMING_ALLOWANCE) throw UploadStore.tooLarge(kind);
        String type = ctx.req().getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.badRequest("Body must be multipart/form-data with a 'file' field");
        }
        ctx.req().setAttribute(JETTY_MULTIPART_CONFIG, new MultipartConfigElement(spool.toString(),
                kind.maxBytes(), kind.maxBytes() + FRAMING_ALLOWANCE, IN_MEMORY_BYTES));
        Part part;
        try {
            part = ctx.req().getPart("file");
        } catch (IOException | ServletException | RuntimeException e) {
            throw isSizeLimit(e) ? UploadStore.tooLarge(kind)
                    : ApiError.badRequest("Body is not valid multipart/form-data");
        }
        if (part == null) throw ApiError.badRequest("Field 'file' is required");
        return new MultipartFile(part);
    }

    InputStream content() throws IOException {
        return part.getInputStream();
    }

    /** Removes the spooled copy now instead of at the end of the request. */
    @Override
    public void close() throws IOException {
        part.delete();
    }

    // Jetty reports a passed limit only as an exception message somewhere in the cause chain
    // ("max file size exceeded", "max length exceeded", "headers max length exceeded").
    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("exceeded")) return true;
        }
        return false;
    }
}
