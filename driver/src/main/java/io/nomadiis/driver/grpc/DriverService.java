package io.nomadiis.driver.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.proto.drivers.CapabilitiesRequest;
import io.nomadiis.proto.drivers.CapabilitiesResponse;
import io.nomadiis.proto.drivers.DriverCapabilities;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.InitRequest;
import io.nomadiis.proto.drivers.InitResponse;
import io.nomadiis.proto.drivers.ShutdownRequest;
import io.nomadiis.proto.drivers.ShutdownResponse;
import io.nomadiis.proto.drivers.TaskConfigSchemaRequest;
import io.nomadiis.proto.drivers.TaskConfigSchemaResponse;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Nomad's {@code Driver} service: a thin translator between the protocol and the driver core.
 * Plugin-level RPCs (Init, schema, capabilities, fingerprint, shutdown) live here; task RPCs are
 * added by the driver core.
 */
public class DriverService extends DriverGrpc.DriverImplBase {

    private static final System.Logger LOG = System.getLogger(DriverService.class.getName());

    private final ConfigSchemas schemas;
    private final ActivePluginConfig config;
    private final Fingerprinter fingerprinter;
    private final ScheduledExecutorService timer;

    /**
     * @param schemas the task config schema source
     * @param config the plugin config in effect (for the fingerprint interval)
     * @param fingerprinter computes each fingerprint
     * @param timer runs periodic work (fingerprints); daemon threads
     */
    public DriverService(ConfigSchemas schemas, ActivePluginConfig config, Fingerprinter fingerprinter,
                         ScheduledExecutorService timer) {
        this.schemas = schemas;
        this.config = config;
        this.fingerprinter = fingerprinter;
        this.timer = timer;
    }

    /** Nomad contract (2.0.4+): called after every dispense; an error kills the instance. Nothing to prepare: OK. */
    @Override
    public void init(InitRequest request, StreamObserver<InitResponse> response) {
        response.onNext(InitResponse.getDefaultInstance());
        response.onCompleted();
    }

    /** Nomad contract: the hclspec of a task's {@code config {}}; must always return a spec, or every task start fails. */
    @Override
    public void taskConfigSchema(TaskConfigSchemaRequest request,
                                 StreamObserver<TaskConfigSchemaResponse> response) {
        response.onNext(TaskConfigSchemaResponse.newBuilder().setSpec(schemas.taskConfigSpec()).build());
        response.onCompleted();
    }

    /**
     * Nomad contract: what the driver supports; read before each task start. Signals yes, exec
     * no, no filesystem isolation (task paths are host paths), host networking only.
     */
    @Override
    public void capabilities(CapabilitiesRequest request, StreamObserver<CapabilitiesResponse> response) {
        response.onNext(CapabilitiesResponse.newBuilder()
                .setCapabilities(DriverCapabilities.newBuilder()
                        .setSendSignals(true)
                        .setExec(false)
                        .setFsIsolation(DriverCapabilities.FSIsolation.NONE)
                        .setMountConfigs(DriverCapabilities.MountConfigs.ANY_MOUNTS)
                        .build())
                .build());
        response.onCompleted();
    }

    /**
     * Nomad contract: one stream per instance, kept open; the first message at once, then one every
     * {@code fingerprint_interval}. Ending the stream makes Nomad reopen it in a tight loop, so it
     * only ends when the client cancels it.
     */
    @Override
    public void fingerprint(FingerprintRequest request, StreamObserver<FingerprintResponse> response) {
        new FingerprintStream((ServerCallStreamObserver<FingerprintResponse>) response, fingerprinter,
                config, timer).start();
    }

    /** Nomad contract (2.0.4+): graceful agent shutdown, 2 s deadline; the go-plugin kill follows. */
    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
        LOG.log(System.Logger.Level.DEBUG, "driver shutdown requested by the agent");
        response.onNext(ShutdownResponse.getDefaultInstance());
        response.onCompleted();
    }
}
