package io.nomadiis.dist;

import io.nomadiis.driver.log.LogLevel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parsed command line of {@code nomad_iis}: Nomad passes the agent's {@code plugin "nomad_iis"
 * { args = [...] }} here. The C# plugin reads its arguments through ASP.NET configuration, so the
 * forms that work there work here, for every option: {@code --name=value}, {@code --name value}
 * (two list items), {@code /name=value}, {@code /name value} and {@code name=value}; names are
 * case-insensitive and the last occurrence wins. Flags ({@code --management-api-allow-anonymous},
 * {@code --once}) need no value but take {@code =true}/{@code =false} or a following
 * {@code true}/{@code false} item. An argument the plugin does not know is a {@link #warnings()
 * warning}, never a refusal to start; only a malformed value of a known option is an error.
 * Called on the main thread only, before anything else starts.
 *
 * @param command what to run
 * @param port the {@code --port} value (0 = any free port), or null to use the go-plugin range
 * @param managementApi the management API options
 * @param stateDir where the plugin keeps state
 * @param logLevel the {@code --log-level} value, or null to keep the environment's level
 * @param once dev mode: exit after the first fingerprint
 * @param warnings one line per argument that was ignored, to log at WARN
 */
public record PluginArguments(
        Command command,
        Integer port,
        ManagementApiOptions managementApi,
        Path stateDir,
        LogLevel logLevel,
        boolean once,
        List<String> warnings) {

    public PluginArguments {
        warnings = List.copyOf(warnings);
    }

    /** What the process does. */
    public enum Command {
        /** Serve Nomad (the default). */
        PLUGIN,
        /** Run the plugin in-process and show what Nomad would see. */
        DEV,
        /** Walk the launch path once so the launcher can record a class-data-sharing archive (internal). */
        CDS_TRAINING,
        /** Print the version. */
        VERSION,
        /** Print the usage. */
        HELP
    }

    /** Options that need no value. */
    private static final Set<String> FLAGS = Set.of(
            "--version",
            "--help",
            "--dev",
            "--cds-training",
            "--once",
            "--management-api-allow-anonymous",
            "--management-api-expose-secrets");

    /** Options that take a value. */
    private static final Set<String> VALUED = Set.of(
            "--port",
            "--state-dir",
            "--log-level",
            "--management-api-port",
            "--management-api-key",
            "--management-api-jwt-secret",
            "--management-api-address",
            "--management-api-tls-cert",
            "--management-api-tls-key",
            "--management-api-max-body-size",
            "--management-api-max-zip-entries",
            "--management-api-max-unzipped-size",
            "--management-api-max-zip-ratio",
            "--management-api-idle-timeout",
            "--management-api-browser");

    /** One {@code name value} pair as written. */
    private record Option(String name, String value, String written) {}

    /**
     * Parses {@code args}.
     *
     * @param defaultStateDir the state dir when {@code --state-dir} is not given
     * @throws UsageException naming the first known option whose value is missing or malformed
     */
    public static PluginArguments parse(List<String> args, Path defaultStateDir) throws UsageException {
        Command command = Command.PLUGIN;
        Integer port = null;
        Path stateDir = defaultStateDir;
        LogLevel logLevel = null;
        boolean once = false;
        int mPort = 0;
        String mKey = null;
        String mSecret = null;
        String mAddress = null;
        Path mCert = null;
        Path mKeyFile = null;
        boolean mAnonymous = false;
        boolean mSecrets = false;
        ManagementApiTuning tuning = new ManagementApiTuning();
        List<String> warnings = new ArrayList<>();
        for (Option option : options(args, warnings)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--version" -> command = flag(name, value) ? Command.VERSION : command;
                case "--help" -> command = flag(name, value) ? Command.HELP : command;
                case "--dev" -> command = command == Command.PLUGIN && flag(name, value) ? Command.DEV : command;
                case "--cds-training" ->
                    command = command == Command.PLUGIN && flag(name, value) ? Command.CDS_TRAINING : command;
                case "--once" -> once = flag(name, value);
                case "--port" -> port = port(name, value, 0);
                case "--management-api-port" -> mPort = port(name, value, 0);
                case "--management-api-key" -> mKey = text(name, value);
                case "--management-api-jwt-secret" -> mSecret = text(name, value);
                case "--management-api-address" -> mAddress = text(name, value);
                case "--management-api-tls-cert" -> mCert = path(name, value);
                case "--management-api-tls-key" -> mKeyFile = path(name, value);
                case "--management-api-allow-anonymous" -> mAnonymous = flag(name, value);
                case "--management-api-expose-secrets" -> mSecrets = flag(name, value);
                case "--state-dir" -> stateDir = path(name, value);
                case "--management-api-max-body-size",
                        "--management-api-max-zip-entries",
                        "--management-api-max-unzipped-size",
                        "--management-api-max-zip-ratio",
                        "--management-api-idle-timeout",
                        "--management-api-browser" -> tuning.set(name, value);
                case "--log-level" -> logLevel = level(name, value);
                default -> throw new IllegalStateException("unhandled option " + name);
            }
        }
        ManagementApiOptions management = new ManagementApiOptions(
                mPort,
                mKey,
                mSecret,
                mAddress,
                mCert,
                mKeyFile,
                mAnonymous,
                tuning.limits(),
                tuning.browser(),
                mSecrets);
        return new PluginArguments(command, port, management, stateDir.toAbsolutePath(), logLevel, once, warnings);
    }

    /**
     * Splits the arguments into known options, in order, the way ASP.NET's command-line
     * configuration does; everything else becomes a warning.
     */
    private static List<Option> options(List<String> args, List<String> warnings) throws UsageException {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String command = commandWord(arg);
            if (command != null) {
                options.add(new Option(command, null, arg));
                continue;
            }
            boolean prefixed = arg.startsWith("--") || arg.startsWith("/");
            int eq = arg.indexOf('=');
            String rawName = eq >= 0 ? arg.substring(0, eq) : arg;
            String key = rawName.startsWith("--")
                    ? rawName.substring(2)
                    : rawName.startsWith("/") ? rawName.substring(1) : rawName;
            String name = "--" + key.toLowerCase(Locale.ROOT);
            if (eq >= 0 && !key.isEmpty() && !key.startsWith("-")) {
                String value = arg.substring(eq + 1);
                if (FLAGS.contains(name) || VALUED.contains(name)) {
                    options.add(new Option(name, value, arg));
                } else {
                    warnings.add(unknown(arg));
                }
                continue;
            }
            if (!prefixed || key.isEmpty() || key.startsWith("-")) {
                warnings.add(unknown(arg));
                continue;
            }
            if (FLAGS.contains(name)) {
                String next = i + 1 < args.size() ? args.get(i + 1) : null;
                if (next != null && (next.equalsIgnoreCase("true") || next.equalsIgnoreCase("false"))) {
                    i++;
                    options.add(new Option(name, next, arg + " " + next));
                } else {
                    options.add(new Option(name, null, arg));
                }
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(
                            "missing value for " + name + ": write " + name + "=<value> or " + name + " <value>");
                }
                String value = args.get(++i);
                options.add(new Option(name, value, arg + " " + value));
            } else {
                // ASP.NET takes the next item as this key's value; skip it too unless it is an option.
                String next = i + 1 < args.size() ? args.get(i + 1) : null;
                if (next != null && !next.startsWith("--") && commandWord(next) == null) {
                    i++;
                    warnings.add(unknown(arg + " " + next));
                } else {
                    warnings.add(unknown(arg));
                }
            }
        }
        return options;
    }

    /** The short and word forms of the commands ({@code -v}, {@code version}, {@code dev}, ...). */
    private static String commandWord(String arg) {
        return switch (arg) {
            case "-v", "version" -> "--version";
            case "-h", "help" -> "--help";
            case "dev" -> "--dev";
            default -> null;
        };
    }

    private static String unknown(String written) {
        return "ignoring unknown argument \"" + redact(written)
                + "\" (nomad_iis --help lists the options; the C# plugin ignored unknown arguments too)";
    }

    /** An unknown argument may hold a secret meant for another option: show its name only. */
    private static String redact(String written) {
        int eq = written.indexOf('=');
        int space = written.indexOf(' ');
        int cut = eq < 0 ? space : space < 0 ? eq : Math.min(eq, space);
        return cut < 0 ? written : written.substring(0, cut) + written.charAt(cut) + "...";
    }

    private static int port(String name, String value, int min) throws UsageException {
        try {
            int port = Integer.parseInt(text(name, value).trim());
            if (port < min || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "invalid " + name + "=" + value + ": expected a port number between " + min + " and 65535");
        }
    }

    private static String text(String name, String value) throws UsageException {
        if (value == null || value.isEmpty()) {
            throw new UsageException("missing value for " + name + ": write " + name + "=<value>");
        }
        return value;
    }

    private static Path path(String name, String value) throws UsageException {
        try {
            return Path.of(text(name, value));
        } catch (InvalidPathException e) {
            throw new UsageException("invalid " + name + "=" + value + ": " + e.getMessage());
        }
    }

    private static boolean flag(String name, String value) throws UsageException {
        if (value == null || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UsageException("invalid " + name + "=" + value + ": expected true or false");
    }

    private static LogLevel level(String name, String value) throws UsageException {
        try {
            return LogLevel.parse(text(name, value));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid " + name + ": " + e.getMessage());
        }
    }
}
