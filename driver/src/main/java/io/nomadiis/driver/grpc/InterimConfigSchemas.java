package io.nomadiis.driver.grpc;

import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.proto.hclspec.Spec;
import java.time.Duration;
import java.util.List;

/**
 * Schemas used until the declared config specs are wired in: empty object specs (Nomad accepts an
 * empty {@code config {}}), the documented defaults, and a decoder that accepts only empty configs.
 */
public final class InterimConfigSchemas implements ConfigSchemas {

    private static final Spec EMPTY_OBJECT = Spec.newBuilder()
            .setObject(io.nomadiis.proto.hclspec.Object.getDefaultInstance()).build();

    @Override
    public Spec pluginConfigSpec() {
        return EMPTY_OBJECT;
    }

    @Override
    public Spec taskConfigSpec() {
        return EMPTY_OBJECT;
    }

    @Override
    public PluginConfig defaultPluginConfig() {
        return new PluginConfig(true, Duration.ofSeconds(30), true, List.of(),
                List.of("ApplicationPoolIdentity"), List.of(), "C:\\inetpub\\wwwroot", null);
    }

    @Override
    public PluginConfig decodePluginConfig(byte[] msgpack) {
        if (msgpack.length == 0 || msgpack.length == 1 && (msgpack[0] & 0xff) == 0x80) {
            return defaultPluginConfig();
        }
        throw new IllegalArgumentException("plugin config is not supported by this build");
    }
}
