package groupchat.admin;

import groupchat.auth.Accounts;
import groupchat.auth.Passwords;
import groupchat.auth.SignUp;
import groupchat.config.Config;
import groupchat.config.ConfigException;
import groupchat.config.ConfigLoader;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar groupchat2.jar admin ...}: account rescue for the operator, on the configured
 * database (SQLite or PostgreSQL). SQLite in WAL mode with a busy timeout lets it run beside a live server; that server
 * sees a disabled account and closes revoked sessions within its poll (2 s).
 */
public final class AdminCli {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: java -jar groupchat2.jar admin <command> [arguments]

            Manages accounts in the database the server is configured with (.env, then the environment;
            DATABASE_URL), whether the server is stopped or running.

            Commands:
              create-user <username> [--admin] [--display-name <name>]  create an account
              reset-password <username>                                 set a new password and end its sessions
              set-admin <username> true|false                           make or unmake a server admin
              disable <username>                                        disable the account and end its sessions
              enable <username>                                         enable a disabled account again

            Passwords are read from standard input: one line, or asked twice without echo on a terminal.
            Exit codes: 0 done, 1 refused (no such account, name taken, bad password), 2 bad usage or configuration.
            """;

    private final BufferedReader in;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;

    public AdminCli(BufferedReader in, Console console, PrintStream out, PrintStream err) {
        this.in = in;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    /** Runs one command ({@code args} without the leading "admin"); returns the exit code. */
    public int run(List<String> args, Map<String, String> env) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? USAGE_ERROR : OK;
        }
        Command command;
        try {
            command = Command.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        }
        Config config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        try (Database db = Database.open(config); Passwords passwords = new Passwords()) {
            Timestamps time = new Timestamps(Clock.systemUTC());
            SignUp signUp = new SignUp(config.operator());
            // No sockets here: revocations reach a running server through the database.
            AdminUsers users = new AdminUsers(db, new Accounts(db, passwords, signUp, time), signUp,
                    (roomId, event) -> { }, time, () -> { }, userId -> { });
            out.println(execute(command, users));
            return OK;
        } catch (ApiError e) {
            err.println("error: " + e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            err.println("error: could not read the password: " + e.getMessage());
            return REFUSED;
        }
    }

    private String execute(Command c, AdminUsers users) throws IOException {
        return switch (c.name()) {
            case "create-user" -> {
                AdminUser user = users.create(new AdminUsers.NewUser(c.username(), password(), c.displayName(),
                        c.admin()));
                yield "created " + describe(user);
            }
            case "reset-password" -> {
                AdminUser user = users.byUsername(c.username());
                String password = password();
                users.update(null, user.id(), new AdminUsers.Change(null, null, password));
                yield "new password set for " + user.username() + "; its sessions are ended";
            }
            case "set-admin" -> describe(users.update(null, users.byUsername(c.username()).id(),
                    new AdminUsers.Change(null, c.admin(), null)));
            case "disable", "enable" -> describe(users.update(null, users.byUsername(c.username()).id(),
                    new AdminUsers.Change(c.name().equals("disable"), null, null)));
            default -> throw new IllegalStateException(c.name());
        };
    }

    private static String describe(AdminUser user) {
        return user.username() + " (" + (user.isAdmin() ? "admin" : "not admin") + ", "
                + (user.disabled() ? "disabled" : "enabled") + ")";
    }

    private String password() throws IOException {
        if (console != null) {
            char[] first = console.readPassword("New password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || again == null) throw ApiError.badRequest("No password given");
            if (!new String(first).equals(new String(again))) throw ApiError.badRequest("The passwords differ");
            return new String(first);
        }
        String line = in.readLine();
        if (line == null || line.isEmpty()) throw ApiError.badRequest("No password on standard input");
        return line;
    }

    /** One parsed command line. */
    record Command(String name, String username, boolean admin, String displayName) {
        static Command parse(List<String> args) {
            String name = args.get(0);
            List<String> rest = new ArrayList<>(args.subList(1, args.size()));
            return switch (name) {
                case "create-user" -> {
                    boolean admin = rest.remove("--admin");
                    String displayName = null;
                    int at = rest.indexOf("--display-name");
                    if (at >= 0) {
                        if (at + 1 >= rest.size()) throw new IllegalArgumentException("--display-name needs a value");
                        displayName = rest.remove(at + 1);
                        rest.remove(at);
                    }
                    yield new Command(name, single(name, rest), admin, displayName);
                }
                case "reset-password", "disable", "enable" -> new Command(name, single(name, rest), false, null);
                case "set-admin" -> {
                    if (rest.size() != 2 || !List.of("true", "false").contains(rest.get(1))) {
                        throw new IllegalArgumentException("set-admin needs <username> true|false");
                    }
                    yield new Command(name, rest.get(0), rest.get(1).equals("true"), null);
                }
                default -> throw new IllegalArgumentException("unknown command '" + name + "'");
            };
        }

        private static String single(String command, List<String> rest) {
            if (rest.size() != 1 || rest.get(0).startsWith("-")) {
                throw new IllegalArgumentException(command + " needs exactly one <username>");
            }
            return rest.get(0);
        }
    }
}
