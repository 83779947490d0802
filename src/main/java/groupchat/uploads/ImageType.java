package groupchat.uploads;

import java.util.Optional;

/** The image formats we accept, recognised by their magic bytes alone. */
public enum ImageType {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    /** Bytes {@link #sniff} needs to tell every type apart (WebP's "RIFF....WEBP"). */
    public static final int HEADER_BYTES = 12;

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /**
     * The type the file's first bytes declare. The name and the declared Content-Type are never
     * consulted: both are chosen by the client and would let it smuggle HTML or SVG in.
     */
    public static Optional<ImageType> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(PNG);
        if (startsWith(head, length, 0xFF, 0xD8, 0xFF)) return Optional.of(JPEG);
        if (startsWith(head, length, 'G', 'I', 'F', '8', '7', 'a')
                || startsWith(head, length, 'G', 'I', 'F', '8', '9', 'a')) return Optional.of(GIF);
        if (length >= 12 && startsWith(head, length, 'R', 'I', 'F', 'F')
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') return Optional.of(WEBP);
        return Optional.empty();
    }

    public static Optional<ImageType> fromExtension(String extension) {
        for (ImageType type : values()) {
            if (type.extension.equals(extension)) return Optional.of(type);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) return false;
        }
        return true;
    }
}
