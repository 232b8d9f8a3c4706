package io.nomadiis.driver.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.proto.drivers.CapabilitiesRequest;
import io.nomadiis.proto.drivers.CapabilitiesResponse;
import io.nomadiis.proto.drivers.CreateNetworkRequest;
import io.nomadiis.proto.drivers.CreateNetworkResponse;
import io.nomadiis.proto.drivers.DestroyNetworkRequest;
import io.nomadiis.proto.drivers.DestroyNetworkResponse;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.DestroyTaskResponse;
import io.nomadiis.proto.drivers.DriverCapabilities;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.DriverTaskEvent;
import io.nomadiis.proto.drivers.ExecTaskRequest;
import io.nomadiis.proto.drivers.ExecTaskResponse;
import io.nomadiis.proto.drivers.ExecTaskStreamingRequest;
import io.nomadiis.proto.drivers.ExecTaskStreamingResponse;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.InitRequest;
import io.nomadiis.proto.drivers.InitResponse;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskResponse;
import io.nomadiis.proto.drivers.RecoverTaskRequest;
import io.nomadiis.proto.drivers.RecoverTaskResponse;
import io.nomadiis.proto.drivers.ShutdownRequest;
import io.nomadiis.proto.drivers.ShutdownResponse;
import io.nomadiis.proto.drivers.SignalTaskRequest;
import io.nomadiis.proto.drivers.SignalTaskResponse;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.StartTaskResponse;
import io.nomadiis.proto.drivers.StopTaskRequest;
import io.nomadiis.proto.drivers.StopTaskResponse;
import io.nomadiis.proto.drivers.TaskConfigSchemaRequest;
import io.nomadiis.proto.drivers.TaskConfigSchemaResponse;
import io.nomadiis.proto.drivers.TaskEventsRequest;
import io.nomadiis.proto.drivers.TaskStatsRequest;
import io.nomadiis.proto.drivers.TaskStatsResponse;
import io.nomadiis.proto.drivers.WaitTaskRequest;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Nomad's {@code Driver} service: a thin translator between the protocol and the driver core.
 * Plugin-level RPCs (Init, schema, capabilities, fingerprint, shutdown) live here; the task RPCs
 * delegate to {@link TaskRpcs}, which translates them onto the driver core.
 *
 * <p>Threads: every RPC is called on the gRPC server's call executor ({@code grpc-call-*}), never on a
 * Netty transport thread; fingerprints are computed and sent on {@code timer}.
 */
public class DriverService extends DriverGrpc.DriverImplBase {

    private static final System.Logger LOG = System.getLogger(DriverService.class.getName());

    private final ConfigSchemas schemas;
    private final ActivePluginConfig config;
    private final Fingerprinter fingerprinter;
    private final ScheduledExecutorService timer;
    private final TaskRpcs tasks;

    /**
     * @param schemas the task config schema source
     * @param config the plugin config in effect (for the fingerprint interval)
     * @param fingerprinter computes each fingerprint
     * @param timer runs periodic work (fingerprints); daemon threads
     * @param tasks the task RPCs over the driver core
     */
    public DriverService(
            ConfigSchemas schemas,
            ActivePluginConfig config,
            Fingerprinter fingerprinter,
            ScheduledExecutorService timer,
            TaskRpcs tasks) {
        this.schemas = requireNonNull(schemas, "schemas");
        this.config = requireNonNull(config, "config");
        this.fingerprinter = requireNonNull(fingerprinter, "fingerprinter");
        this.timer = requireNonNull(timer, "timer");
        this.tasks = requireNonNull(tasks, "tasks");
    }

    /** Nomad contract (2.0.4+): called after every dispense; an error kills the instance. Nothing to prepare: OK. */
    @Override
    public void init(InitRequest request, StreamObserver<InitResponse> response) {
        response.onNext(InitResponse.getDefaultInstance());
        response.onCompleted();
    }

    /**
     * Nomad contract: the hclspec of a task's {@code config {}}; must always return a spec, or every task start fails.
     */
    @Override
    public void taskConfigSchema(TaskConfigSchemaRequest request, StreamObserver<TaskConfigSchemaResponse> response) {
        response.onNext(TaskConfigSchemaResponse.newBuilder()
                .setSpec(schemas.taskConfigSpec())
                .build());
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
        new FingerprintStream((ServerCallStreamObserver<FingerprintResponse>) response, fingerprinter, config, timer)
                .start();
    }

    /** Nomad contract (2.0.4+): graceful agent shutdown, 2 s deadline; the go-plugin kill follows. */
    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
        LOG.log(System.Logger.Level.DEBUG, "driver shutdown requested by the agent");
        response.onNext(ShutdownResponse.getDefaultInstance());
        response.onCompleted();
    }

    /** Nomad contract: start the task; any error status fails the start (recoverable only with RecoverableError). */
    @Override
    public void startTask(StartTaskRequest request, StreamObserver<StartTaskResponse> response) {
        tasks.startTask(request, response);
    }

    /**
     * Nomad contract: rebuild the task from {@code handle} alone (id from {@code handle.config.id}); known task: OK.
     */
    @Override
    public void recoverTask(RecoverTaskRequest request, StreamObserver<RecoverTaskResponse> response) {
        tasks.recoverTask(request, response);
    }

    /** Nomad contract: block until the task exits; repeatable, concurrent, immediate after exit, until DestroyTask. */
    @Override
    public void waitTask(WaitTaskRequest request, StreamObserver<WaitTaskResponse> response) {
        tasks.waitTask(request, response);
    }

    /** Nomad contract: stop the task but keep it known (WaitTask stays valid); OK for unknown or exited tasks. */
    @Override
    public void stopTask(StopTaskRequest request, StreamObserver<StopTaskResponse> response) {
        tasks.stopTask(request, response);
    }

    /** Nomad contract: clean up everything (always {@code force}); idempotent; WaitTask fails afterwards. */
    @Override
    public void destroyTask(DestroyTaskRequest request, StreamObserver<DestroyTaskResponse> response) {
        tasks.destroyTask(request, response);
    }

    /** Nomad contract: not called by the client; task, both timestamps and result are set. */
    @Override
    public void inspectTask(InspectTaskRequest request, StreamObserver<InspectTaskResponse> response) {
        tasks.inspectTask(request, response);
    }

    /** Nomad contract: one message per collection interval, always with timestamp and aggregate usage. */
    @Override
    public void taskStats(TaskStatsRequest request, StreamObserver<TaskStatsResponse> response) {
        tasks.taskStats(request, response);
    }

    /** Nomad contract: one long-lived stream of events for all tasks, routed by alloc id and task name. */
    @Override
    public void taskEvents(TaskEventsRequest request, StreamObserver<DriverTaskEvent> response) {
        tasks.taskEvents(request, response);
    }

    /** Nomad contract: deliver a signal (not gated by capability); unknown signals get a clear error. */
    @Override
    public void signalTask(SignalTaskRequest request, StreamObserver<SignalTaskResponse> response) {
        tasks.signalTask(request, response);
    }

    /** Nomad contract: run a command in the task (script checks); not supported here, a clear error. */
    @Override
    public void execTask(ExecTaskRequest request, StreamObserver<ExecTaskResponse> response) {
        tasks.execTask(request, response);
    }

    /** Nomad contract: {@code nomad alloc exec}; not supported here, a clear error. */
    @Override
    public StreamObserver<ExecTaskStreamingRequest> execTaskStreaming(
            StreamObserver<ExecTaskStreamingResponse> response) {
        return tasks.execTaskStreaming(response);
    }

    /** Nomad contract: only called with {@code must_create_network}, which this driver does not set. */
    @Override
    public void createNetwork(CreateNetworkRequest request, StreamObserver<CreateNetworkResponse> response) {
        tasks.createNetwork(request, response);
    }

    /** Nomad contract: only called with {@code must_create_network}, which this driver does not set. */
    @Override
    public void destroyNetwork(DestroyNetworkRequest request, StreamObserver<DestroyNetworkResponse> response) {
        tasks.destroyNetwork(request, response);
    }
}
