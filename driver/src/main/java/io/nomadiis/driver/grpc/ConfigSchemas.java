package io.nomadiis.driver.grpc;

import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.proto.hclspec.Spec;

/**
 * The plugin's two HCL schemas as Nomad receives them, and the decoder of the agent's plugin
 * config. One declaration (in {@code io.nomadiis.driver.config}) is the source of both.
 */
public interface ConfigSchemas {

    /** The schema of the agent's {@code plugin "nomad_iis" { config { ... } }} block. */
    Spec pluginConfigSpec();

    /** The schema of a task's {@code config { ... } } block. */
    Spec taskConfigSpec();

    /** What an empty agent config decodes to. */
    PluginConfig defaultPluginConfig();

    /**
     * Decodes Nomad's cty msgpack of the agent config (zero-length = defaults).
     *
     * @throws IllegalArgumentException (or the config package's invalid-config exception) naming
     *                                  each offending attribute and value
     */
    PluginConfig decodePluginConfig(byte[] msgpack) throws Exception;
}
