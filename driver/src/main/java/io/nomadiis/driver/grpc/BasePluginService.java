package io.nomadiis.driver.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.PluginVersion;
import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.log.LogField;
import io.nomadiis.proto.base.BasePluginGrpc;
import io.nomadiis.proto.base.ConfigSchemaRequest;
import io.nomadiis.proto.base.ConfigSchemaResponse;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.PluginInfoResponse;
import io.nomadiis.proto.base.PluginType;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.base.SetConfigResponse;

/**
 * Nomad's {@code BasePlugin} service: who the plugin is, its agent config schema, and the agent config itself.
 *
 * <p>Threads: every RPC runs on a gRPC call executor thread ({@code grpc-call-*}), never on a Netty transport
 * thread; the active plugin config it sets is shared with the driver through {@link ActivePluginConfig}
 * (volatile fields).
 */
public final class BasePluginService extends BasePluginGrpc.BasePluginImplBase {

    /** The driver name jobs use in {@code driver = "iis"}. */
    public static final String DRIVER_NAME = "iis";
    /** The only driver plugin API version Nomad speaks. */
    public static final String PLUGIN_API_VERSION = "v0.1.0";

    private static final System.Logger LOG = System.getLogger(BasePluginService.class.getName());

    private final ConfigSchemas schemas;
    private final ActivePluginConfig config;

    /** Serves {@code schemas} and stores decoded configs in {@code config}. */
    public BasePluginService(ConfigSchemas schemas, ActivePluginConfig config) {
        this.schemas = requireNonNull(schemas, "schemas");
        this.config = requireNonNull(config, "config");
    }

    /**
     * Nomad contract: type DRIVER, {@code plugin_api_versions} containing {@code v0.1.0}, a
     * semver {@code plugin_version}, and the name jobs use; the first call of every launch.
     */
    @Override
    public void pluginInfo(PluginInfoRequest request, StreamObserver<PluginInfoResponse> response) {
        response.onNext(PluginInfoResponse.newBuilder()
                .setType(PluginType.DRIVER)
                .addPluginApiVersions(PLUGIN_API_VERSION)
                .setPluginVersion(PluginVersion.get())
                .setName(DRIVER_NAME)
                .build());
        response.onCompleted();
    }

    /**
     * Nomad contract: the hclspec of the agent's {@code config {}} block, used to decode it before {@code SetConfig}.
     */
    @Override
    public void configSchema(ConfigSchemaRequest request, StreamObserver<ConfigSchemaResponse> response) {
        response.onNext(ConfigSchemaResponse.newBuilder()
                .setSpec(schemas.pluginConfigSpec())
                .build());
        response.onCompleted();
    }

    /**
     * Nomad contract: receives the agent config as cty msgpack (zero-length when no schema/config);
     * called twice in the validation launch and once in the long-lived one, so it is idempotent.
     * An error aborts the agent's start, so every violation is reported as INVALID_ARGUMENT.
     */
    @Override
    public void setConfig(SetConfigRequest request, StreamObserver<SetConfigResponse> response) {
        PluginConfig decoded;
        try {
            decoded = schemas.decodePluginConfig(request.getMsgpackConfig().toByteArray());
        } catch (InvalidConfigException e) {
            String message = "invalid plugin config: " + String.join("; ", e.violations());
            LOG.log(System.Logger.Level.ERROR, message);
            response.onError(ErrorStatuses.invalidArgument(message));
            return;
        }
        config.set(decoded);
        LOG.log(
                System.Logger.Level.INFO,
                "plugin configured",
                LogField.of("enabled", decoded.enabled()),
                LogField.of(
                        "fingerprint_interval", decoded.fingerprintInterval().toString()),
                LogField.of("api_version", request.getPluginApiVersion()));
        response.onNext(SetConfigResponse.getDefaultInstance());
        response.onCompleted();
    }
}
