package io.nomadiis.driver.grpc;

import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.proto.hclspec.Spec;

/**
 * The plugin's two HCL schemas as Nomad receives them, and the decoder of the agent's plugin
 * config. The declarations in {@code io.nomadiis.driver.config} are the single source of both the
 * specs and the decoders; the protos are built once, on first use.
 *
 * <p>Threads: built on the plugin's main thread, then called by gRPC call executor threads
 * ({@code grpc-call-*}: ConfigSchema, SetConfig) concurrently; the lazily built protos are published
 * through volatile fields (two racing first calls build equal protos).
 */
public final class ConfigSchemas {

    private volatile Spec pluginSpec;
    private volatile Spec taskSpec;

    /** The schema of the agent's {@code plugin "nomad_iis" { config { ... } }} block. */
    public Spec pluginConfigSpec() {
        Spec spec = pluginSpec;
        if (spec == null) {
            spec = HclSpecProtos.toProto(PluginConfigSpec.spec());
            pluginSpec = spec;
        }
        return spec;
    }

    /** The schema of a task's {@code config { ... }} block. */
    public Spec taskConfigSpec() {
        Spec spec = taskSpec;
        if (spec == null) {
            spec = HclSpecProtos.toProto(TaskConfigSpec.spec());
            taskSpec = spec;
        }
        return spec;
    }

    /** What an empty agent config decodes to. */
    public PluginConfig defaultPluginConfig() {
        try {
            return PluginConfigSpec.decode(new byte[0]);
        } catch (InvalidConfigException e) {
            throw new IllegalStateException("the plugin config defaults are invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes Nomad's cty msgpack of the agent config (zero-length = defaults).
     *
     * @throws InvalidConfigException naming each offending attribute and value
     */
    public PluginConfig decodePluginConfig(byte[] msgpack) throws InvalidConfigException {
        return PluginConfigSpec.decode(msgpack);
    }
}
