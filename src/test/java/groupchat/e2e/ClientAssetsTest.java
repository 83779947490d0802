package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client as packaged: every file index.html loads is on the classpath, and nothing needs inline script. */
class ClientAssetsTest {
    private static final Pattern SRC = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

    @Test
    void everyAssetOfIndexHtmlIsPackaged() throws IOException {
        String index = resource("/public/index.html");
        List<String> paths = new ArrayList<>();
        Matcher m = SRC.matcher(index);
        while (m.find()) paths.add(m.group(1));
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/marked/")), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/dompurify/")), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/highlightjs/")), paths.toString());
        for (String path : paths) {
            // WebJars keep their files under META-INF/resources; the versions must match pom.xml.
            String onClasspath = path.startsWith("/webjars/") ? "/META-INF/resources" + path : "/public" + path;
            assertNotNull(getClass().getResource(onClasspath), path + " is not packaged (" + onClasspath + ")");
        }
    }

    @Test
    void everyModuleImportResolves() throws IOException {
        Pattern importFrom = Pattern.compile("from '(\\.{1,2}/[^']+)'");
        Path js = Path.of("public", "js");
        try (Stream<Path> files = Files.walk(js)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = importFrom.matcher(Files.readString(file));
                while (m.find()) {
                    assertTrue(Files.exists(file.getParent().resolve(m.group(1)).normalize()), file + " imports missing " + m.group(1));
                }
            }
        }
    }

    /** The Content-Security-Policy allows script only from files: no inline script or handlers, no eval. */
    @Test
    void clientNeedsNoInlineScript() throws IOException {
        String index = resource("/public/index.html");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(index).find(), "inline <script> in index.html");
        assertFalse(Pattern.compile("\\son[a-z]+=\"").matcher(index).find(), "inline event handler in index.html");
        try (Stream<Path> files = Files.walk(Path.of("public", "js"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String code = Files.readString(file);
                assertFalse(code.contains("eval(") || code.contains("new Function("), file + " uses eval");
            }
        }
    }

    private String resource(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
