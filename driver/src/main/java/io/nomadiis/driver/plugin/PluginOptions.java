package io.nomadiis.driver.plugin;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How the plugin process is set up, from its command line and environment.
 *
 * @param ports where the gRPC listener may bind
 * @param managementApiPort the management API's port when enabled (reported in the fingerprint)
 * @param stateDir where the plugin keeps state that must survive restarts
 */
public record PluginOptions(ListenPorts ports, OptionalInt managementApiPort, Path stateDir) {}
