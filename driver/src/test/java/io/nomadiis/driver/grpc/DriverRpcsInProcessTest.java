package io.nomadiis.driver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.driver.fingerprint.FingerprintProbe;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.driver.task.CtyTaskConfigParser;
import io.nomadiis.driver.task.DriverSettings;
import io.nomadiis.driver.task.IisTaskDriver;
import io.nomadiis.driver.task.state.DriverStateCodec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.proto.base.BasePluginGrpc;
import io.nomadiis.proto.base.ConfigSchemaRequest;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.PluginInfoResponse;
import io.nomadiis.proto.base.PluginType;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.CapabilitiesRequest;
import io.nomadiis.proto.drivers.CreateNetworkRequest;
import io.nomadiis.proto.drivers.DestroyNetworkRequest;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.DriverCapabilities;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.DriverTaskEvent;
import io.nomadiis.proto.drivers.ExecTaskRequest;
import io.nomadiis.proto.drivers.ExecTaskStreamingResponse;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.InitRequest;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskResponse;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.RecoverTaskRequest;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.ShutdownRequest;
import io.nomadiis.proto.drivers.SignalTaskRequest;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.StartTaskResponse;
import io.nomadiis.proto.drivers.StopTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.TaskConfigSchemaRequest;
import io.nomadiis.proto.drivers.TaskEventsRequest;
import io.nomadiis.proto.drivers.TaskHandle;
import io.nomadiis.proto.drivers.TaskState;
import io.nomadiis.proto.drivers.TaskStatsRequest;
import io.nomadiis.proto.drivers.TaskStatsResponse;
import io.nomadiis.proto.drivers.WaitTaskRequest;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import io.nomadiis.proto.structs.RecoverableError;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §4: every RPC of the driver's gRPC adapters ({@link DriverService}, {@link TaskRpcs},
 * {@link BasePluginService}, {@link FingerprintStream}, {@link ErrorStatuses}) through grpc's in-process
 * transport and the generated stubs, against the real {@link IisTaskDriver} on the real portable host: the
 * translation of each request and answer, and the status of each failure as Nomad reads it.
 */
class DriverRpcsInProcessTest {
    private static final String ALLOC = "5e1c2d3f-aaaa-bbbb-cccc-ddddeeeeffff";

    static Path stateDir;
    static Path allocRoot;
    static PortableIisHost portable;
    static FaultInjectingHost host;
    static IisTaskDriver driver;
    static ScheduledExecutorService timer;
    static ExecutorService callExecutor;
    static Server server;
    static ManagedChannel channel;
    static DriverGrpc.DriverBlockingStub blocking;
    static DriverGrpc.DriverStub async;
    static int taskCounter;

    @BeforeAll
    static void start() throws Exception {
        stateDir = Files.createTempDirectory("rpcs-state");
        allocRoot = Files.createTempDirectory("rpcs-allocs");
        portable = new PortableIisHost(stateDir);
        host = new FaultInjectingHost(portable);
        PluginConfig pluginConfig = new PluginConfig(
                true,
                Duration.ofSeconds(30),
                false,
                List.of(),
                List.of("ApplicationPoolIdentity"),
                List.of(),
                null,
                null);
        driver = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                pluginConfig);
        ConfigSchemas schemas = new ConfigSchemas();
        ActivePluginConfig config = new ActivePluginConfig(pluginConfig);
        timer = Executors.newSingleThreadScheduledExecutor();
        callExecutor = Executors.newCachedThreadPool();
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .executor(callExecutor)
                .addService(new BasePluginService(schemas, config))
                .addService(new DriverService(
                        schemas,
                        config,
                        new Fingerprinter(config::get, FingerprintProbe.of(() -> host), OptionalInt.empty()),
                        timer,
                        new TaskRpcs(driver)))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        blocking = DriverGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES);
        async = DriverGrpc.newStub(channel);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            channel.shutdownNow();
            server.shutdownNow();
            driver.close();
            List<String> pools = portable.poolNames();
            for (String site : portable.siteNames()) {
                portable.remove(new WebsiteRemoval(site, true, List.of(), pools, List.of(), List.of()));
            }
            if (!pools.isEmpty()) {
                portable.remove(new WebsiteRemoval("-", false, List.of(), pools, List.of(), List.of()));
            }
        } finally {
            portable.close();
            timer.shutdownNow();
            callExecutor.shutdownNow();
            deleteTree(allocRoot);
            deleteTree(stateDir);
        }
    }

    // ---- plugin-level RPCs

    @Test
    void pluginInfo_driverTypeApiVersionAndName() {
        PluginInfoResponse info =
                BasePluginGrpc.newBlockingStub(channel).pluginInfo(PluginInfoRequest.getDefaultInstance());
        assertThat(info.getType()).isEqualTo(PluginType.DRIVER);
        assertThat(info.getPluginApiVersionsList()).containsExactly(BasePluginService.PLUGIN_API_VERSION);
        assertThat(info.getName()).isEqualTo("iis");
        assertThat(info.getPluginVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void configSchema_isThePluginConfigSpec() {
        assertThat(BasePluginGrpc.newBlockingStub(channel)
                        .configSchema(ConfigSchemaRequest.getDefaultInstance())
                        .getSpec())
                .isEqualTo(new ConfigSchemas().pluginConfigSpec());
    }

    @Test
    void setConfig_garbage_invalidArgumentNamingThePluginConfig() {
        assertThatThrownBy(() -> BasePluginGrpc.newBlockingStub(channel)
                        .setConfig(SetConfigRequest.newBuilder()
                                .setMsgpackConfig(ByteString.copyFrom(new byte[] {(byte) 0xc1, 1, 2}))
                                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("invalid plugin config");
                });
    }

    @Test
    void setConfig_empty_isTheDefaultsAndOk() {
        BasePluginGrpc.newBlockingStub(channel).setConfig(SetConfigRequest.getDefaultInstance());
    }

    @Test
    void init_ok() {
        assertThat(blocking.init(InitRequest.getDefaultInstance())).isNotNull();
    }

    @Test
    void taskConfigSchema_isTheTaskConfigSpec() {
        assertThat(blocking.taskConfigSchema(TaskConfigSchemaRequest.getDefaultInstance())
                        .getSpec())
                .isEqualTo(new ConfigSchemas().taskConfigSpec());
    }

    @Test
    void capabilities_signalsNoExecNoIsolation() {
        DriverCapabilities caps =
                blocking.capabilities(CapabilitiesRequest.getDefaultInstance()).getCapabilities();
        assertThat(caps.getSendSignals()).isTrue();
        assertThat(caps.getExec()).isFalse();
        assertThat(caps.getFsIsolation()).isEqualTo(DriverCapabilities.FSIsolation.NONE);
    }

    @Test
    void fingerprint_firstMessageAtOnce_withTheBackend_streamStaysOpen() throws Exception {
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        io.grpc.Context.CancellableContext context = io.grpc.Context.current().withCancellation();
        context.run(() -> async.fingerprint(FingerprintRequest.getDefaultInstance(), collect(messages)));
        try {
            Object first = messages.poll(2, TimeUnit.MINUTES);
            assertThat(first).isInstanceOf(FingerprintResponse.class);
            FingerprintResponse fp = (FingerprintResponse) first;
            assertThat(fp.getAttributesMap()).containsKey("driver.iis.backend");
            assertThat(fp.getAttributesOrThrow("driver.iis.backend").getStringVal())
                    .isEqualTo("portable");
            assertThat(messages.poll(300, TimeUnit.MILLISECONDS))
                    .as("the stream neither ends nor fails")
                    .isNull();
        } finally {
            context.cancel(null);
        }
    }

    @Test
    void shutdown_ok() {
        assertThat(blocking.shutdown(ShutdownRequest.getDefaultInstance())).isNotNull();
    }

    // ---- task RPCs: errors for unknown tasks

    @Test
    void unknownTask_notFoundForInspectWaitSignalStats_okForStopAndDestroy() throws Exception {
        String id = "no-such-task";
        assertNotFound(() -> blocking.inspectTask(
                InspectTaskRequest.newBuilder().setTaskId(id).build()));
        assertNotFound(() ->
                blocking.waitTask(WaitTaskRequest.newBuilder().setTaskId(id).build()));
        assertNotFound(() -> blocking.signalTask(
                SignalTaskRequest.newBuilder().setTaskId(id).setSignal("SIGHUP").build()));
        Iterator<TaskStatsResponse> stats =
                blocking.taskStats(TaskStatsRequest.newBuilder().setTaskId(id).build());
        assertNotFound(stats::next);
        blocking.stopTask(StopTaskRequest.newBuilder().setTaskId(id).build());
        blocking.destroyTask(
                DestroyTaskRequest.newBuilder().setTaskId(id).setForce(true).build());
    }

    @Test
    void startTask_badConfig_invalidArgumentWithTheViolation() throws Exception {
        TaskConfig config = taskConfig(Map.of(
                "application", List.of(Map.of("path", "local/www")),
                "binding", List.of(Map.of("type", "ftp", "port", "http"))));
        assertThatThrownBy(() -> blocking.startTask(
                        StartTaskRequest.newBuilder().setTask(config).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("ftp");
                    assertThat(StatusProto.fromThrowable(e).getDetailsList())
                            .as("not recoverable")
                            .isEmpty();
                });
        assertNotFound(() -> blocking.inspectTask(
                InspectTaskRequest.newBuilder().setTaskId(config.getId()).build()));
    }

    @Test
    void startTask_retryableHostFailure_failedPreconditionWithNomadsRecoverableDetail() throws Exception {
        TaskConfig config = siteConfig();
        host.failNextDeploy(new IisException("port 8080 is still held by an exiting worker", true, null));
        assertThatThrownBy(() -> blocking.startTask(
                        StartTaskRequest.newBuilder().setTask(config).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("still held by an exiting worker");
                    com.google.rpc.Status detail = StatusProto.fromThrowable(e);
                    assertThat(detail.getDetailsCount()).isEqualTo(1);
                    try {
                        assertThat(detail.getDetails(0)
                                        .unpack(RecoverableError.class)
                                        .getRecoverable())
                                .isTrue();
                    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                        throw new AssertionError(ex);
                    }
                });
    }

    @Test
    void startTask_permanentHostFailure_internalWithTheHostsMessage() throws Exception {
        TaskConfig config = siteConfig();
        host.failNextDeploy(new IisException("failed to create site: the configuration is locked"));
        assertThatThrownBy(() -> blocking.startTask(
                        StartTaskRequest.newBuilder().setTask(config).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).contains("the configuration is locked");
                    assertThat(StatusProto.fromThrowable(e).getDetailsList()).isEmpty();
                });
    }

    // ---- task RPCs: a task's life

    @Test
    void lifecycle_startInspectSignalStatsEventsStopWaitDestroy() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        io.grpc.Context.CancellableContext eventContext =
                io.grpc.Context.current().withCancellation();
        eventContext.run(() -> async.taskEvents(TaskEventsRequest.getDefaultInstance(), collect(events)));
        try {
            TaskConfig config = siteConfig();
            StartTaskResponse started = blocking.startTask(
                    StartTaskRequest.newBuilder().setTask(config).build());
            TaskHandle handle = started.getHandle();
            assertThat(started.getResult()).isEqualTo(StartTaskResponse.Result.SUCCESS);
            assertThat(handle.getVersion()).isEqualTo(DriverStateCodec.HANDLE_VERSION);
            assertThat(handle.getConfig()).isEqualTo(config);
            assertThat(handle.getState()).isEqualTo(TaskState.RUNNING);
            assertThat(handle.getDriverState().toStringUtf8()).startsWith("{\"version\":3,");

            DriverTaskEvent startedEvent = awaitEvent(events, config, "Started website");
            assertThat(startedEvent.getAllocId()).isEqualTo(ALLOC);
            assertThat(startedEvent.getTaskName()).isEqualTo(config.getName());
            assertThat(startedEvent.hasTimestamp()).isTrue();

            assertThatThrownBy(() -> blocking.startTask(
                            StartTaskRequest.newBuilder().setTask(config).build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

            InspectTaskResponse inspect = blocking.inspectTask(
                    InspectTaskRequest.newBuilder().setTaskId(config.getId()).build());
            assertThat(inspect.getTask().getId()).isEqualTo(config.getId());
            assertThat(inspect.getTask().getName()).isEqualTo(config.getName());
            assertThat(inspect.getTask().getState()).isEqualTo(TaskState.RUNNING);
            assertThat(inspect.getTask().hasStartedAt()).isTrue();
            assertThat(inspect.getTask().hasCompletedAt()).isTrue();
            assertThat(inspect.getTask().hasResult()).isTrue();
            assertThat(inspect.getDriver().getAttributesMap()).containsKey("WebsiteName");

            Iterator<TaskStatsResponse> stats = blocking.taskStats(TaskStatsRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setCollectionInterval(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(1)
                            .build())
                    .build());
            TaskStatsResponse sample = stats.next();
            assertThat(sample.getStats().hasTimestamp()).isTrue();
            assertThat(sample.getStats().hasAggResourceUsage()).isTrue();

            blocking.signalTask(SignalTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setSignal("RECYCLE")
                    .build());
            awaitEvent(events, config, "recycled");

            CompletableFuture<WaitTaskResponse> waited = new CompletableFuture<>();
            async.waitTask(
                    WaitTaskRequest.newBuilder().setTaskId(config.getId()).build(), future(waited));
            assertThat(waited).isNotDone();

            blocking.stopTask(StopTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5))
                    .setSignal("SIGINT")
                    .build());
            WaitTaskResponse result = waited.get(1, TimeUnit.MINUTES);
            assertThat(result.getErr()).isEmpty();
            assertThat(result.getResult().getExitCode()).isZero();
            assertThat(blocking.inspectTask(InspectTaskRequest.newBuilder()
                                    .setTaskId(config.getId())
                                    .build())
                            .getTask()
                            .getState())
                    .isEqualTo(TaskState.EXITED);
            assertThat(portable.siteNames()).doesNotContain(siteName(config));
            assertThat(blocking.waitTask(WaitTaskRequest.newBuilder()
                                    .setTaskId(config.getId())
                                    .build())
                            .getErr())
                    .as("WaitTask after exit answers at once")
                    .isEmpty();
            assertThatThrownBy(() -> blocking.signalTask(SignalTaskRequest.newBuilder()
                            .setTaskId(config.getId())
                            .setSignal("RECYCLE")
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));

            blocking.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
            assertNotFound(() -> blocking.waitTask(
                    WaitTaskRequest.newBuilder().setTaskId(config.getId()).build()));
            blocking.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
        } finally {
            eventContext.cancel(null);
        }
    }

    @Test
    void signalTask_withoutAnAction_okAndATaskEvent() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        io.grpc.Context.CancellableContext eventContext =
                io.grpc.Context.current().withCancellation();
        eventContext.run(() -> async.taskEvents(TaskEventsRequest.getDefaultInstance(), collect(events)));
        TaskConfig config = siteConfig();
        try {
            blocking.startTask(StartTaskRequest.newBuilder().setTask(config).build());
            blocking.signalTask(SignalTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setSignal("SIGUSR1")
                    .build());
            assertThat(awaitEvent(events, config, "SIGUSR1").getMessage()).contains("ignored");
        } finally {
            eventContext.cancel(null);
            blocking.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
        }
    }

    @Test
    void recoverTask_knownTaskOk_garbageStateInternal_emptyStateInternal() throws Exception {
        TaskConfig config = siteConfig();
        TaskHandle handle = blocking.startTask(
                        StartTaskRequest.newBuilder().setTask(config).build())
                .getHandle();
        try {
            blocking.recoverTask(
                    RecoverTaskRequest.newBuilder().setHandle(handle).build());
            assertThat(blocking.inspectTask(InspectTaskRequest.newBuilder()
                                    .setTaskId(config.getId())
                                    .build())
                            .getTask()
                            .getState())
                    .isEqualTo(TaskState.RUNNING);

            TaskConfig other = siteConfig();
            for (ByteString state : List.of(ByteString.copyFromUtf8("{not json"), ByteString.EMPTY)) {
                TaskHandle broken = handle.toBuilder()
                        .setConfig(other)
                        .setDriverState(state)
                        .build();
                assertThatThrownBy(() -> blocking.recoverTask(RecoverTaskRequest.newBuilder()
                                .setHandle(broken)
                                .build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                            assertThat(e.getStatus().getDescription()).contains("cannot recover task " + other.getId());
                        });
            }
        } finally {
            blocking.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
        }
    }

    @Test
    void recoverTask_onAFreshDriver_rebuildsTheTaskFromTheHandleAlone() throws Exception {
        TaskConfig config = siteConfig();
        TaskHandle handle = blocking.startTask(
                        StartTaskRequest.newBuilder().setTask(config).build())
                .getHandle();
        IisTaskDriver fresh = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                freshConfig());
        String name = InProcessServerBuilder.generateName();
        ConfigSchemas schemas = new ConfigSchemas();
        ActivePluginConfig config2 = new ActivePluginConfig(freshConfig());
        Server other = InProcessServerBuilder.forName(name)
                .executor(callExecutor)
                .addService(new DriverService(
                        schemas,
                        config2,
                        new Fingerprinter(config2::get, FingerprintProbe.of(() -> host), OptionalInt.empty()),
                        timer,
                        new TaskRpcs(fresh)))
                .build()
                .start();
        ManagedChannel otherChannel = InProcessChannelBuilder.forName(name).build();
        try {
            DriverGrpc.DriverBlockingStub stub = DriverGrpc.newBlockingStub(otherChannel);
            TaskHandle asNomadSendsIt = handle.toBuilder()
                    .setConfig(config.toBuilder().clearMsgpackDriverConfig())
                    .build();
            stub.recoverTask(
                    RecoverTaskRequest.newBuilder().setHandle(asNomadSendsIt).build());
            InspectTaskResponse inspect = stub.inspectTask(
                    InspectTaskRequest.newBuilder().setTaskId(config.getId()).build());
            assertThat(inspect.getTask().getState()).isEqualTo(TaskState.RUNNING);
            assertThat(inspect.getDriver().getAttributesOrThrow("WebsiteName")).isEqualTo(siteName(config));
            stub.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
            assertThat(portable.siteNames()).doesNotContain(siteName(config));
        } finally {
            otherChannel.shutdownNow();
            other.shutdownNow();
            fresh.close();
            blocking.destroyTask(DestroyTaskRequest.newBuilder()
                    .setTaskId(config.getId())
                    .setForce(true)
                    .build());
        }
    }

    @Test
    void execAndNetworks_unimplementedWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> blocking.execTask(
                        ExecTaskRequest.newBuilder().setTaskId("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.getStatus().getDescription()).contains("exec is not supported");
                });
        BlockingQueue<Object> streamed = new LinkedBlockingQueue<>();
        async.execTaskStreaming(this.<ExecTaskStreamingResponse>collect(streamed));
        Object failure = streamed.poll(1, TimeUnit.MINUTES);
        assertThat(failure).isInstanceOf(StatusRuntimeException.class);
        assertThat(((StatusRuntimeException) failure).getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThatThrownBy(() -> blocking.createNetwork(CreateNetworkRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        assertThatThrownBy(() -> blocking.destroyNetwork(DestroyNetworkRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    // ---- helpers

    private static PluginConfig freshConfig() {
        return new PluginConfig(
                true,
                Duration.ofSeconds(30),
                false,
                List.of(),
                List.of("ApplicationPoolIdentity"),
                List.of(),
                null,
                null);
    }

    private static String siteName(TaskConfig config) {
        return driver.directory()
                .find(config.getAllocId(), config.getName())
                .map(v -> v.websiteName())
                .orElse("nomad-" + ALLOC.substring(0, 8) + "-" + config.getName());
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isEqualTo("task not found for given id");
        });
    }

    private static DriverTaskEvent awaitEvent(BlockingQueue<Object> events, TaskConfig config, String text)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Object next = events.poll(1, TimeUnit.SECONDS);
            if (next instanceof DriverTaskEvent e
                    && e.getTaskId().equals(config.getId())
                    && e.getMessage().contains(text)) {
                return e;
            }
        }
        throw new AssertionError("no task event containing \"" + text + "\" for " + config.getId());
    }

    private <T> StreamObserver<T> collect(BlockingQueue<Object> queue) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                queue.add(value);
            }

            @Override
            public void onError(Throwable t) {
                queue.add(t);
            }

            @Override
            public void onCompleted() {
                queue.add("completed");
            }
        };
    }

    private static <T> StreamObserver<T> future(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                future.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        };
    }

    private static TaskConfig siteConfig() throws IOException {
        return taskConfig(Map.of(
                "application", List.of(Map.of("path", "local/www")),
                "binding", List.of(Map.of("type", "http", "port", "http"))));
    }

    private static synchronized TaskConfig taskConfig(Map<String, Object> driverConfig) throws IOException {
        String task = "web" + (++taskCounter);
        Path allocDir = Files.createDirectories(allocRoot.resolve(ALLOC));
        Path www = Files.createDirectories(allocDir.resolve(task).resolve("local/www"));
        Files.writeString(www.resolve("index.html"), "<h1>" + task + "</h1>");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return TaskConfig.newBuilder()
                .setId(ALLOC + "/" + task + "/1a2b3c4d")
                .setAllocId(ALLOC)
                .setName(task)
                .setJobName("shop")
                .setTaskGroupName("frontend")
                .setAllocDir(allocDir.toString())
                .setStdoutPath(
                        allocDir.resolve("alloc/logs/" + task + ".stdout").toString())
                .setStderrPath(
                        allocDir.resolve("alloc/logs/" + task + ".stderr").toString())
                .setResources(Resources.newBuilder()
                        .addPorts(PortMapping.newBuilder().setLabel("http").setValue(port)))
                .setMsgpackDriverConfig(
                        ByteString.copyFrom(CtyMsgpackWriter.encode(TaskConfigSpec.spec(), driverConfig)))
                .build();
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
