package groupchat.testsupport;

import groupchat.Main;
import groupchat.testsupport.Api;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as its own process ({@code java -cp <test classpath> groupchat.Main}), so a test can
 * kill it with SIGKILL or read everything it ever wrote to its console.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s]+:(\\d+)");
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts on a free port with the data in {@code dir}, with TestServer's environment plus {@code overrides}. */
    public static ServerProcess start(Path dir, Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(TestServer.env(dir, Map.of("LOG_LEVEL", "info")));
        env.putAll(overrides);
        Path log = Files.createTempFile(dir, "server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) return new ServerProcess(process, log, Integer.parseInt(m.group(1)));
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the server did not start:\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    public String wsUrl(String token) {
        return "ws://127.0.0.1:" + port + "/ws?token=" + token;
    }

    /** SIGKILL: no shutdown hook, no flush, no closing of the database. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the server outlived SIGKILL");
    }

    /** SIGTERM: the clean shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
