package io.nomadiis.driver.plugin;

import java.util.Map;

/**
 * What go-plugin's host (the Nomad client) put into the plugin's environment: the magic cookie,
 * the offered protocol versions and the port range for the gRPC listener.
 *
 * @param minPort lowest port to bind, or 0 when the host gave no range
 * @param maxPort highest port to bind, or 0 when the host gave no range
 */
public record GoPluginEnvironment(int minPort, int maxPort) {

    /** Name of the cookie variable Nomad sets. */
    public static final String COOKIE_KEY = "NOMAD_PLUGIN_MAGIC_COOKIE";
    /** The cookie value of Nomad's base plugin handshake. */
    public static final String COOKIE_VALUE = "e4327c2e01eabfd75a8a67adb114fb34a757d57eee7728d857a8cec6e91a7255";
    /** The go-plugin app protocol version Nomad's plugins speak. */
    public static final int APP_PROTOCOL_VERSION = 2;

    static final String NOT_A_COMMAND =
            "This binary is a plugin for HashiCorp Nomad (the IIS task driver \"nomad_iis\")."
                    + " It is not meant to be executed directly: place it in the Nomad client's plugin_dir, add a"
                    + " plugin \"nomad_iis\" block to the agent configuration, and Nomad will launch it."
                    + " Run it with --help for its options.";

    /** Whether the range is set. */
    public boolean hasPortRange() {
        return minPort > 0 && maxPort >= minPort;
    }

    /**
     * Reads and checks the launch environment.
     *
     * @throws PluginLaunchException (exit 1) when the cookie is missing or wrong, or when the host does
     *                               not offer protocol version 2
     */
    public static GoPluginEnvironment read(Map<String, String> env) throws PluginLaunchException {
        if (!COOKIE_VALUE.equals(env.get(COOKIE_KEY))) {
            throw new PluginLaunchException(NOT_A_COMMAND, 1);
        }
        String offered = env.getOrDefault("PLUGIN_PROTOCOL_VERSIONS", "");
        boolean speaksTwo = false;
        for (String version : offered.split(",")) {
            speaksTwo |= version.trim().equals(Integer.toString(APP_PROTOCOL_VERSION));
        }
        if (!speaksTwo) {
            throw new PluginLaunchException(
                    "this plugin speaks go-plugin protocol version "
                            + APP_PROTOCOL_VERSION + ", but the host offered PLUGIN_PROTOCOL_VERSIONS=\"" + offered
                            + "\"; use a Nomad client that supports protocol version 2",
                    1);
        }
        int min = port(env, "PLUGIN_MIN_PORT");
        int max = port(env, "PLUGIN_MAX_PORT");
        if (min > 0 && max < min) {
            throw new PluginLaunchException(
                    "invalid port range PLUGIN_MIN_PORT=" + min + " PLUGIN_MAX_PORT=" + max
                            + ": the maximum must not be below the minimum",
                    1);
        }
        return new GoPluginEnvironment(min, max);
    }

    private static int port(Map<String, String> env, String key) throws PluginLaunchException {
        String text = env.get(key);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new PluginLaunchException(
                    "invalid " + key + "=\"" + text + "\": expected a port number between 0 and 65535", 1);
        }
    }
}
