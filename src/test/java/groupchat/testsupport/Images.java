package groupchat.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Tiny but real images of every accepted type, made in the test rather than checked in. */
public final class Images {
    private Images() {}

    public static byte[] png() {
        return encode("png");
    }

    public static byte[] jpeg() {
        return encode("jpeg");
    }

    public static byte[] gif() {
        return encode("gif");
    }

    /** A 1x1 lossless WebP (the JDK has no WebP writer, so its 26 bytes are spelled out). */
    public static byte[] webp() {
        return Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    /** A valid PNG followed by filler up to exactly {@code size} bytes (decoders ignore bytes after IEND). */
    public static byte[] pngOfSize(long size) {
        byte[] png = png();
        byte[] padded = Arrays.copyOf(png, Math.toIntExact(size));
        for (int i = png.length; i < padded.length; i++) padded[i] = (byte) (i * 31);
        return padded;
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 1, 0x00FF00);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
