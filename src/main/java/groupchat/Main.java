package groupchat;

import groupchat.admin.AdminCli;
import groupchat.config.Config;
import groupchat.config.ConfigException;
import groupchat.config.ConfigLoader;
import groupchat.config.EnvFile;
import groupchat.config.LogLevel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Reads the configuration, starts the server, and stops it cleanly on SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(admin(List.of(args).subList(1, args.length)));
            return;
        }
        Map<String, String> env;
        Config config;
        try {
            env = EnvFile.merged(Path.of(".env"), System.getenv());
            // slf4j-simple reads its level once, when the first logger is made: set it first.
            String level = LogLevel.from(env);
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
            // Jetty and Javalin print request lines and headers at debug, and those carry bearer
            // tokens (the /ws token is in the query string): their logs stop at info.
            if (level.equals("debug") || level.equals("trace")) {
                for (String library : List.of("org.eclipse.jetty", "io.javalin")) {
                    System.setProperty("org.slf4j.simpleLogger.log." + library, "info");
                }
            }
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app;
        try {
            app = new App(config, Clock.systemUTC()).start();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("GroupChat2 could not start: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    }

    /** {@code admin ...}: the operator's account commands (see {@link AdminCli}); quiet logs. */
    private static int admin(List<String> args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> env;
        try {
            env = EnvFile.merged(Path.of(".env"), System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return AdminCli.USAGE_ERROR;
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new AdminCli(stdin, System.console(), System.out, System.err).run(args, env);
    }
}
