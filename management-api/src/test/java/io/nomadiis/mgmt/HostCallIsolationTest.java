package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.driver.fingerprint.FingerprintProbe;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.driver.grpc.ConfigSchemas;
import io.nomadiis.driver.grpc.DriverService;
import io.nomadiis.driver.grpc.TaskRpcs;
import io.nomadiis.driver.plugin.ListenPorts;
import io.nomadiis.driver.plugin.PluginServer;
import io.nomadiis.driver.plugin.ShutdownSequence;
import io.nomadiis.driver.task.CtyTaskConfigParser;
import io.nomadiis.driver.task.DriverSettings;
import io.nomadiis.driver.task.IisTaskDriver;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.driver.task.TaskRequest;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskResponse;
import io.nomadiis.proto.drivers.TaskState;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §1: a host call never holds up an event loop. The plugin's real parts (gRPC server, driver core,
 * management API on the gRPC server's event loop group, the real portable host with real workers) run two
 * tasks; while StopTask's removal of one is held inside the host, management {@code status} of both tasks
 * and gRPC {@code InspectTask} of both answer within a second.
 */
class HostCallIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOC_A = "a0000000-1111-2222-3333-444455556666";
    private static final String ALLOC_B = "b0000000-1111-2222-3333-444455556666";
    private static final String KEY = "isolation-api-key-0123456789";

    private Path stateDir;
    private Path root;
    private PortableIisHost portable;
    private RemovalLatchHost host;
    private IisTaskDriver driver;
    private PluginServer grpc;
    private ManagementServer api;
    private ManagedChannel channel;
    private ScheduledExecutorService timer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        stateDir = Files.createTempDirectory("isolation-state");
        root = Files.createTempDirectory("isolation-allocs");
        portable = new PortableIisHost(stateDir);
        host = new RemovalLatchHost(portable);
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
        grpc = PluginServer.start(
                new ListenPorts(0, 0, 0),
                List.of(new DriverService(
                        schemas,
                        config,
                        new Fingerprinter(config::get, FingerprintProbe.of(() -> host), OptionalInt.empty()),
                        timer,
                        new TaskRpcs(driver))),
                new ShutdownSequence(() -> {}, () -> {}));
        api = new ManagementServer(
                ManagementOptions.of(0, KEY, null, false).withAddress("127.0.0.1"),
                driver.directory(),
                host,
                grpc.eventLoopGroup());
        api.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        host.release();
        try {
            for (String alloc : List.of(ALLOC_A, ALLOC_B)) {
                driver.destroyTask(alloc + "/web/r4nd0m00", true);
            }
        } finally {
            channel.shutdownNow();
            api.close();
            grpc.close();
            driver.close();
            timer.shutdownNow();
            portable.close();
            Trees.deleteRecursively(root);
            Trees.deleteRecursively(stateDir);
        }
    }

    @Test
    void removalHeldInsideTheHost_statusAndInspectTaskStillAnswerWithinASecond() throws Exception {
        TaskRequest a = startTask(ALLOC_A);
        TaskRequest b = startTask(ALLOC_B);
        assertThat(status(ALLOC_A)
                        .path("applicationPools")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("Started");
        assertThat(inspect(b.taskId()).getTask().getState()).isEqualTo(TaskState.RUNNING);

        host.holdRemovals();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                driver.stopTask(a.taskId(), Duration.ofSeconds(5), "SIGINT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        host.awaitHeldRemoval();

        JsonNode statusOfOther = status(ALLOC_B);
        assertThat(statusOfOther.path("applicationPools").get(0).path("status").asText())
                .isEqualTo("Started");
        JsonNode statusOfRemoving = status(ALLOC_A);
        assertThat(statusOfRemoving.path("applicationPools")).hasSize(1);
        InspectTaskResponse inspectRemoving = inspect(a.taskId());
        assertThat(inspectRemoving.getTask().getId()).isEqualTo(a.taskId());
        InspectTaskResponse inspectOther = inspect(b.taskId());
        assertThat(inspectOther.getTask().getState()).isEqualTo(TaskState.RUNNING);
        assertThat(stopping).isNotDone();

        host.release();
        stopping.get(60, TimeUnit.SECONDS);
        assertThat(inspect(a.taskId()).getTask().getState()).isEqualTo(TaskState.EXITED);
        assertThat(portable.siteNames()).hasSize(1);
    }

    private JsonNode status(String alloc) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + api.port() + "/api/v1/allocs/" + alloc + "/web/status"))
                        .timeout(Duration.ofSeconds(1))
                        .header("X-Api-Key", KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private InspectTaskResponse inspect(String taskId) {
        return DriverGrpc.newBlockingStub(channel)
                .withDeadlineAfter(1, TimeUnit.SECONDS)
                .inspectTask(InspectTaskRequest.newBuilder().setTaskId(taskId).build());
    }

    private TaskRequest startTask(String alloc) throws Exception {
        Path allocDir = Files.createDirectories(root.resolve(alloc));
        Path www = Files.createDirectories(allocDir.resolve("web/local/www"));
        Files.writeString(www.resolve("index.html"), "<h1>" + alloc + "</h1>");
        Path logs = Files.createDirectories(allocDir.resolve("alloc/logs"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        byte[] config = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application", List.of(Map.of("path", "local/www")),
                        "binding", List.of(Map.of("type", "http", "port", "http"))));
        TaskRequest request = new TaskRequest(
                new TaskIdentity(alloc + "/web/r4nd0m00", alloc, "web", "default", "shop", "shop", "frontend"),
                allocDir,
                Map.of(),
                List.of(new TaskPort("http", port, 0, "")),
                logs.resolve("web.stdout").toString(),
                logs.resolve("web.stderr").toString(),
                100,
                64,
                config);
        driver.startTask(request);
        return request;
    }
}
