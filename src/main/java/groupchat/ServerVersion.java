package groupchat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into the jar ("dev" when run from the classes, as tests do). */
final class ServerVersion {
    private ServerVersion() {}

    static String read() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/groupchat-version.properties")) {
            Properties props = new Properties();
            if (in != null) props.load(in);
            return props.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
