package io.nomadiis.dist;

import static io.nomadiis.dist.WebClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskResponse;
import io.nomadiis.proto.drivers.RecoverTaskRequest;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.StartTaskResponse;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.TaskHandle;
import io.nomadiis.proto.drivers.TaskState;
import io.nomadiis.proto.drivers.TaskStats;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IIS tasks end to end through the real protocol: the packaged plugin launched as Nomad launches it, a real
 * allocation directory with FIFOs drained by the test, the portable host's real worker processes and real
 * HTTP(S). Scenarios are grouped to keep plugin launches few.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TaskLifecycleIT {
    private static final String STATIC_PAGE = "<html><body>static bytes \u00e9</body></html>";

    @TempDir
    Path root;

    private final WebClient web = new WebClient();

    @AfterEach
    void removeLeftovers() {
        PortableCleanup.removeAll(root.resolve("state"));
    }

    private static List<String> stateArgs(Path state) {
        return List.of("--state-dir=" + state);
    }

    @Test
    void site_appsHttpsAncmSignalsStatsLogs_thenStopsLeavingNothing() throws Exception {
        Path state = root.resolve("state");
        try (PluginProcess plugin = PluginProcess.launch(stateArgs(state), Map.of());
                TaskFixture t = new TaskFixture(root.resolve("allocs"), "web", "http", "https")) {
            TaskClient client = new TaskClient(plugin).configure();
            t.write("local/site/index.html", STATIC_PAGE);
            t.write("local/media/logo.txt", "media file");
            t.write("local/api/index.html", "api app");
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            String classes = Path.of(EchoApp.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            t.write(
                    "local/echo/web.config",
                    "<configuration><system.webServer><aspNetCore processPath=\"" + javaBin
                            + "\" arguments=\"-cp " + classes + " io.nomadiis.dist.EchoApp\" /></system.webServer>"
                            + "</configuration>");
            TaskConfig config = t.config(
                    Map.of(
                            "application_pool",
                                    List.of(Map.of("name", "default"), Map.of("name", "api"), Map.of("name", "echo")),
                            "application",
                                    List.of(
                                            Map.of(
                                                    "path",
                                                    "local/site",
                                                    "virtual_directory",
                                                    List.of(Map.of("alias", "media", "path", "local/media"))),
                                            Map.of("path", "local/api", "alias", "api", "application_pool", "api"),
                                            Map.of(
                                                    "path",
                                                    "local\\echo",
                                                    "alias",
                                                    "/echo",
                                                    "application_pool",
                                                    "echo")),
                            "binding",
                                    List.of(
                                            Map.of("type", "http", "port", "http"),
                                            Map.of(
                                                    "type",
                                                    "https",
                                                    "port",
                                                    "https",
                                                    "certificate",
                                                    Map.of("use_self_signed", true)))),
                    Map.of("GREETING", "hello-from-nomad"));
            StartTaskResponse started = plugin.driver()
                    .startTask(StartTaskRequest.newBuilder().setTask(config).build());
            String id = config.getId();
            assertThat(started.getHandle().getConfig()).isEqualTo(config);
            assertThat(started.getHandle().getVersion()).isEqualTo(3);
            String http = "http://127.0.0.1:" + t.ports.get("http");

            WebClient.Reply page = web.get(http + "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(STATIC_PAGE);
            assertThat(web.get(http + "/media/logo.txt").body()).isEqualTo("media file");
            assertThat(web.get(http + "/api/").body()).isEqualTo("api app");
            assertThat(web.get("https://127.0.0.1:" + t.ports.get("https") + "/")
                            .body())
                    .isEqualTo(STATIC_PAGE);
            await(
                    "the ANCM app to answer",
                    () -> web.get(http + "/echo/").body().contains("greeting=hello-from-nomad"));
            await("the ANCM app's output on the stdout FIFO", () -> t.stdout().contains("echo app listening"));

            InspectTaskResponse inspect = plugin.driver()
                    .inspectTask(InspectTaskRequest.newBuilder().setTaskId(id).build());
            assertThat(inspect.getTask().getState()).isEqualTo(TaskState.RUNNING);
            assertThat(inspect.getDriver().getAttributesMap())
                    .containsEntry("WebsiteName", "nomad-" + t.allocId + "-web");

            BlockingQueue<TaskStats> stats = client.stats(id, 1000);
            TaskStats first = stats.poll(PluginProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.hasTimestamp()).isTrue();
            assertThat(first.getAggResourceUsage().getMemory().getRss()).isPositive();
            Set<String> pids = TaskClient.nextPids(stats);
            assertThat(pids).isNotEmpty();

            client.signal(id, "stop");
            await("503 after STOP", () -> web.get(http + "/").status() == 503);
            client.signal(id, "START");
            await("200 after START", () -> web.get(http + "/").status() == 200);
            client.signal(id, "Recycle");
            await("new worker PIDs after RECYCLE", () -> {
                try {
                    Set<String> now = TaskClient.nextPids(stats);
                    return !now.isEmpty() && now.stream().noneMatch(pids::contains);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(web.get(http + "/").status()).isEqualTo(200);
            client.signal(id, "SIGUSR1");
            await("an event for the signal without an action", () -> client.hasEvent("Signal SIGUSR1 ignored"));
            assertThat(web.get(http + "/").status()).isEqualTo(200);

            badConfigsFailClearly(plugin, root.resolve("allocs"));

            Set<String> lastPids = TaskClient.nextPids(stats);
            CompletableFuture<WaitTaskResponse> waiting = client.waitTask(id);
            client.stop(id);
            WaitTaskResponse exit = waiting.get(60, TimeUnit.SECONDS);
            assertThat(exit.getResult().getExitCode()).isZero();
            assertThat(exit.getErr()).isEmpty();
            assertThat(client.waitTask(id).get(10, TimeUnit.SECONDS).getResult().getExitCode())
                    .isZero();
            client.destroy(id);
            client.destroy(id);
            assertThatThrownBy(() -> client.waitTask(id).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("task not found");
            for (String pid : lastPids) {
                await(
                        "worker " + pid + " to exit",
                        () -> ProcessHandle.of(Long.parseLong(pid)).isEmpty());
            }
            for (int port : t.ports.values()) {
                await("port " + port + " to be free", () -> canBind(port));
            }
            assertThat(client.hasEvent("Started website")).isTrue();
            assertThat(client.hasEvent("Installed certificate: ")).isTrue();
            assertThat(client.hasEvent("ApplicationPool stopped")).isTrue();
            assertThat(client.hasEvent("ApplicationPool recycled")).isTrue();
            await(
                    "the portable service to exit once empty",
                    () -> !Files.exists(state.resolve("iis-portable").resolve("service.json")));
        }
    }

    private void badConfigsFailClearly(PluginProcess plugin, Path allocs) throws Exception {
        try (TaskFixture bad = new TaskFixture(allocs, "bad", "http")) {
            bad.write("local/index.html", "x");
            TaskConfig config = bad.config(
                    Map.of(
                            "application",
                            List.of(Map.of("path", "local")),
                            "binding",
                            List.of(Map.of("type", "http", "port", "admin"))),
                    Map.of());
            assertThatThrownBy(() -> plugin.driver()
                            .startTask(StartTaskRequest.newBuilder()
                                    .setTask(config)
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("\"admin\" is not a port label");
            TaskConfig noApps =
                    bad.config(Map.of("binding", List.of(Map.of("type", "http", "port", "http"))), Map.of());
            assertThatThrownBy(() -> plugin.driver()
                            .startTask(StartTaskRequest.newBuilder()
                                    .setTask(noApps)
                                    .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            try (ServerSocket busy = new ServerSocket(bad.ports.get("http"))) {
                TaskConfig good = bad.config(
                        Map.of(
                                "application",
                                List.of(Map.of("path", "local")),
                                "binding",
                                List.of(Map.of("type", "http", "port", "http"))),
                        Map.of());
                assertThatThrownBy(() -> plugin.driver()
                                .startTask(StartTaskRequest.newBuilder()
                                        .setTask(good)
                                        .build()))
                        .isInstanceOf(StatusRuntimeException.class)
                        .hasMessageContaining("failed to start task bad");
                assertThatThrownBy(() -> plugin.driver()
                                .inspectTask(InspectTaskRequest.newBuilder()
                                        .setTaskId(good.getId())
                                        .build()))
                        .hasMessageContaining("task not found");
                assertThat(busy.isBound()).isTrue();
            }
            assertThat(canBind(bad.ports.get("http"))).isTrue();
        }
    }

    @Test
    void killedPlugin_recoveredTaskKeepsServing_workerRestarts_rapidFailEndsTask() throws Exception {
        Path state = root.resolve("state");
        try (TaskFixture t = new TaskFixture(root.resolve("allocs"), "rec", "http")) {
            t.write("local/index.html", STATIC_PAGE);
            TaskConfig config = t.config(
                    Map.of(
                            "application",
                            List.of(Map.of("path", "local")),
                            "binding",
                            List.of(Map.of("type", "http", "port", "http"))),
                    Map.of());
            String id = config.getId();
            String http = "http://127.0.0.1:" + t.ports.get("http") + "/";
            TaskHandle handle;
            Set<String> pids;
            try (PluginProcess first = PluginProcess.launch(stateArgs(state), Map.of())) {
                TaskClient client = new TaskClient(first).configure();
                handle = first.driver()
                        .startTask(StartTaskRequest.newBuilder().setTask(config).build())
                        .getHandle();
                assertThat(web.get(http).status()).isEqualTo(200);
                pids = TaskClient.nextPids(client.stats(id, 500));
                first.kill9();
            }
            assertThat(web.get(http).status()).isEqualTo(200);
            try (PluginProcess second = PluginProcess.launch(stateArgs(state), Map.of())) {
                TaskClient client = new TaskClient(second).configure();
                TaskHandle stored = handle.toBuilder()
                        .setConfig(handle.getConfig().toBuilder().clearMsgpackDriverConfig())
                        .build();
                second.driver()
                        .recoverTask(RecoverTaskRequest.newBuilder()
                                .setHandle(stored)
                                .build());
                second.driver()
                        .recoverTask(RecoverTaskRequest.newBuilder()
                                .setHandle(stored)
                                .build());
                assertThat(web.get(http).status()).isEqualTo(200);
                BlockingQueue<TaskStats> stats = client.stats(id, 500);
                assertThat(TaskClient.nextPids(stats)).isEqualTo(pids);
                CompletableFuture<WaitTaskResponse> waiting = client.waitTask(id);

                Set<String> current = pids;
                for (int crash = 0; crash < 8 && !waiting.isDone(); crash++) {
                    for (String pid : current) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    Set<String> killed = current;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!waiting.isDone() && System.nanoTime() < deadline) {
                        Set<String> next = TaskClient.pollPids(stats, 2);
                        if (next != null && !next.isEmpty() && next.stream().noneMatch(killed::contains)) {
                            current = next;
                            break;
                        }
                    }
                    if (crash == 0) {
                        await("a restarted worker to serve", () -> web.get(http).status() == 200);
                    }
                }
                WaitTaskResponse exit = waiting.get(60, TimeUnit.SECONDS);
                assertThat(exit.getResult().getExitCode()).isNotZero();
                assertThat(exit.getErr()).contains("rapid-fail");
                assertThat(client.hasEvent("Error: ")).isTrue();
                client.stop(id);
                client.destroy(id);
                await("port to be free", () -> canBind(t.ports.get("http")));
            }
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.isBound();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
