package io.nomadiis.dist;

import io.nomadiis.driver.log.LogLevel;
import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line of {@code nomad_iis}: Nomad passes the agent's {@code plugin "nomad_iis"
 * { args = [...] }} here. Options use the C# plugin's {@code --name=value} form.
 *
 * @param command what to run
 * @param port the {@code --port} value (0 = any free port), or null to use the go-plugin range
 * @param managementApi the management API options
 * @param stateDir where the plugin keeps state
 * @param logLevel the {@code --log-level} value, or null to keep the environment's level
 * @param once dev mode: exit after the first fingerprint
 */
public record PluginArguments(
        Command command,
        Integer port,
        ManagementApiOptions managementApi,
        Path stateDir,
        LogLevel logLevel,
        boolean once) {

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

    /**
     * Parses {@code args}.
     *
     * @param defaultStateDir the state dir when {@code --state-dir} is not given
     * @throws UsageException naming the first unknown or malformed argument
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
        ManagementApiTuning tuning = new ManagementApiTuning();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--version", "-v", "version" -> command = Command.VERSION;
                case "--help", "-h", "help" -> command = Command.HELP;
                case "dev", "--dev" -> command = command == Command.PLUGIN ? Command.DEV : command;
                case "--cds-training" -> command = command == Command.PLUGIN ? Command.CDS_TRAINING : command;
                case "--once" -> once = true;
                case "--port" -> port = port(name, value, 0);
                case "--management-api-port" -> mPort = port(name, value, 0);
                case "--management-api-key" -> mKey = text(name, value);
                case "--management-api-jwt-secret" -> mSecret = text(name, value);
                case "--management-api-address" -> mAddress = text(name, value);
                case "--management-api-tls-cert" -> mCert = Path.of(text(name, value));
                case "--management-api-tls-key" -> mKeyFile = Path.of(text(name, value));
                case "--management-api-allow-anonymous" -> mAnonymous = flag(name, value);
                case "--state-dir" -> stateDir = Path.of(text(name, value));
                case "--management-api-max-body-size",
                        "--management-api-max-zip-entries",
                        "--management-api-max-unzipped-size",
                        "--management-api-max-zip-ratio",
                        "--management-api-idle-timeout",
                        "--management-api-browser" -> tuning.set(name, value);
                case "--log-level" -> logLevel = level(name, value);
                default ->
                    throw new UsageException("unknown argument \"" + arg + "\"; run nomad_iis --help for the options");
            }
        }
        ManagementApiOptions management = new ManagementApiOptions(
                mPort, mKey, mSecret, mAddress, mCert, mKeyFile, mAnonymous, tuning.limits(), tuning.browser());
        return new PluginArguments(command, port, management, stateDir.toAbsolutePath(), logLevel, once);
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
