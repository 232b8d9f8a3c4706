package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.driver.task.stats.TaskStatsSample;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.PortableIisHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver core on the real portable host: real worker processes, real HTTP. */
class IisTaskDriverTest {
    @TempDir
    Path temp;

    private Path stateDir;
    private IisHost host;
    private IisTaskDriver driver;
    private final List<IisTaskDriver> drivers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        stateDir = temp.resolve("state");
        host = new PortableIisHost(stateDir);
        driver = newDriver(host);
    }

    private IisTaskDriver newDriver(IisHost on) {
        IisTaskDriver d = new IisTaskDriver(
                on,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                TaskFixtures.pluginConfig());
        drivers.add(d);
        return d;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (IisTaskDriver d : drivers) {
            for (RunningTask h : d.registry().handles()) {
                d.destroyTask(h.taskId(), true);
            }
            d.close();
        }
        PortableTestSupport.shutdown(host, stateDir);
    }

    private TaskRequest staticSite(String task, int port, Map<String, Object> extra) throws IOException {
        Path allocDir = temp.resolve("alloc-" + task);
        Path site = allocDir.resolve(task).resolve("local/site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<h1>hello " + task + "</h1>");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                "application", List.of(Map.of("path", "local/site")),
                "binding", List.of(Map.of("type", "http", "port", "http"))));
        config.putAll(extra);
        byte[] msgpack = CtyMsgpackWriter.encode(TaskConfigSpec.spec(), config);
        TaskIdentity id = new TaskIdentity(
                TaskFixtures.ALLOC + "/" + task + "/r4nd0m00",
                TaskFixtures.ALLOC,
                task,
                "default",
                "job",
                "job",
                "group");
        return new TaskRequest(
                id,
                allocDir,
                Map.of("GREETING", "hi"),
                List.of(new TaskPort("http", port, 0, "")),
                allocDir.resolve("alloc/logs/" + task + ".stdout").toString(),
                allocDir.resolve("alloc/logs/" + task + ".stderr").toString(),
                100,
                64,
                msgpack);
    }

    @Test
    void startTask_staticSite_servesSignalsStatsAndStopsCleanly() throws Exception {
        int port = freePort();
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        TaskRequest request = staticSite("web", port, Map.of());
        StartedTask started = driver.startTask(request);
        assertThat(started.handleVersion()).isEqualTo(3);
        assertThat(get(port)).isEqualTo(200);
        assertThat(body(port)).isEqualTo("<h1>hello web</h1>");
        TaskInspection status = driver.inspectTask(request.taskId());
        assertThat(status.state()).isEqualTo(TaskRunState.RUNNING);
        assertThat(status.driverAttributes()).containsEntry("WebsiteName", "nomad-" + TaskFixtures.ALLOC + "-web");
        assertThat(driver.directory().find(TaskFixtures.ALLOC, "web")).isPresent();

        List<TaskStatsSample> samples = new CopyOnWriteArrayList<>();
        AutoCloseable stats = driver.taskStats(request.taskId(), Duration.ofMillis(200), samples::add, () -> {});
        waitFor(() -> samples.stream().anyMatch(s -> s.aggregate().rssBytes() > 0));
        stats.close();

        String pool = "nomad-" + TaskFixtures.ALLOC + "-web";
        List<Long> pidsBefore = host.poolRuntime(pool).workerPids();
        driver.signalTask(request.taskId(), "stop");
        waitFor(() -> get(port) == 503);
        driver.signalTask(request.taskId(), "START");
        waitFor(() -> get(port) == 200);
        driver.signalTask(request.taskId(), "SIGHUP");
        waitFor(() -> {
            List<Long> now = host.poolRuntime(pool).workerPids();
            return !now.isEmpty() && now.stream().noneMatch(pidsBefore::contains);
        });
        assertThat(get(port)).isEqualTo(200);
        List<Long> pidsAfterRecycle = host.poolRuntime(pool).workerPids();
        for (String noAction : List.of("SIGUSR1", "SIGTERM", "SIGQUIT")) {
            driver.signalTask(request.taskId(), noAction);
            assertThat(events)
                    .extracting(TaskEvent::message)
                    .contains("Signal " + noAction
                            + " ignored: the iis driver acts on START, STOP, RECYCLE, SIGHUP, SIGINT, SIGKILL");
        }
        assertThat(get(port)).isEqualTo(200);
        assertThat(host.poolRuntime(pool).workerPids()).isEqualTo(pidsAfterRecycle);

        driver.stopTask(request.taskId(), Duration.ofSeconds(5), "");
        TaskExit exit = driver.waitTask(request.taskId()).get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isZero();
        assertThat(exit.err()).isEmpty();
        driver.stopTask(request.taskId(), Duration.ofSeconds(5), "");
        driver.destroyTask(request.taskId(), true);
        driver.destroyTask(request.taskId(), true);
        assertThatThrownBy(() -> driver.waitTask(request.taskId()))
                .isInstanceOf(DriverException.class)
                .hasMessage(DriverException.TASK_NOT_FOUND);
        assertThat(host.siteNames()).doesNotContain(pool);
        assertThat(host.poolNames()).doesNotContain(pool);
        assertThat(pidsBefore)
                .allSatisfy(pid -> waitFor(() -> ProcessHandle.of(pid).isEmpty()));
        try (ServerSocket ignored = new ServerSocket(port)) {
            assertThat(ignored.getLocalPort()).isEqualTo(port);
        }
        assertThat(events)
                .extracting(TaskEvent::message)
                .anyMatch(m -> m.startsWith("Started website"))
                .anyMatch(m -> m.startsWith("ApplicationPool stopped"))
                .anyMatch(m -> m.startsWith("ApplicationPool started"))
                .anyMatch(m -> m.startsWith("ApplicationPool recycled"));
    }

    @Test
    void recoverTask_newDriverAndHost_sameWorkersAndStopWorks() throws Exception {
        int port = freePort();
        TaskRequest request = staticSite("rec", port, Map.of());
        StartedTask started = driver.startTask(request);
        String pool = "nomad-" + TaskFixtures.ALLOC + "-rec";
        List<Long> pids = host.poolRuntime(pool).workerPids();
        driver.close();
        drivers.remove(driver);

        IisTaskDriver restarted = newDriver(new PortableIisHost(stateDir));
        TaskRequest fromHandle = new TaskRequest(
                request.identity(),
                request.allocDir(),
                request.env(),
                request.ports(),
                request.stdoutPath(),
                request.stderrPath(),
                100,
                64,
                new byte[0]);
        restarted.recoverTask(fromHandle, started.handleVersion(), started.driverState());
        restarted.recoverTask(fromHandle, started.handleVersion(), started.driverState());
        assertThat(restarted.inspectTask(request.taskId()).state()).isEqualTo(TaskRunState.RUNNING);
        assertThat(restarted
                        .directory()
                        .find(TaskFixtures.ALLOC, "rec")
                        .orElseThrow()
                        .recovered())
                .isTrue();
        assertThat(get(port)).isEqualTo(200);
        assertThat(host.poolRuntime(pool).workerPids()).isEqualTo(pids);
        restarted.stopTask(request.taskId(), Duration.ofSeconds(5), "");
        assertThat(restarted
                        .waitTask(request.taskId())
                        .get(30, TimeUnit.SECONDS)
                        .exitCode())
                .isZero();
        restarted.destroyTask(request.taskId(), true);
        assertThat(host.siteNames()).doesNotContain(pool);
    }

    @Test
    void recoverTask_csharpV2State_adoptsSiteAndStopRemovesIt() throws Exception {
        int port = freePort();
        TaskRequest request = staticSite("cs", port, Map.of());
        driver.startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-cs";
        org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(7);
        p.packTimestamp(java.time.Instant.parse("2025-01-01T00:00:00Z"));
        p.packMapHeader(1).packString("default").packString(name);
        p.packString(name).packBoolean(true);
        p.packArrayHeader(1).packNil();
        p.packInt(0).packNil();
        IisTaskDriver csharpSwitch = newDriver(new PortableIisHost(stateDir));
        TaskRequest fromHandle = new TaskRequest(
                request.identity(),
                request.allocDir(),
                request.env(),
                request.ports(),
                request.stdoutPath(),
                request.stderrPath(),
                0,
                0,
                new byte[0]);
        csharpSwitch.recoverTask(fromHandle, 2, p.toByteArray());
        TaskView view = csharpSwitch.directory().find(TaskFixtures.ALLOC, "cs").orElseThrow();
        assertThat(view.websiteName()).isEqualTo(name);
        assertThat(view.bindings()).extracting(b -> b.port()).containsExactly(port);
        assertThat(get(port)).isEqualTo(200);
        csharpSwitch.stopTask(request.taskId(), Duration.ofSeconds(5), "");
        assertThat(csharpSwitch
                        .waitTask(request.taskId())
                        .get(30, TimeUnit.SECONDS)
                        .exitCode())
                .isZero();
        assertThat(host.siteNames()).doesNotContain(name);
        assertThat(host.poolNames()).doesNotContain(name);
    }

    @Test
    void recoverTask_siteGone_clearError() throws Exception {
        TaskRequest request = staticSite("gone", freePort(), Map.of());
        StartedTask started = driver.startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-gone";
        host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
        IisTaskDriver other = newDriver(host);
        assertThatThrownBy(() -> other.recoverTask(request, started.handleVersion(), started.driverState()))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("website \"" + name + "\" no longer exists");
    }

    @Test
    void waitTask_siteRemovedOutsideDriver_failsWithEvent() throws Exception {
        TaskRequest request = staticSite("lost", freePort(), Map.of());
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        driver.startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-lost";
        host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
        TaskExit exit = driver.waitTask(request.taskId()).get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isNotZero();
        assertThat(exit.err()).contains("disappeared");
        assertThat(events).extracting(TaskEvent::message).anyMatch(m -> m.startsWith("Error:"));
    }

    @Test
    void startTask_declaredPoolsUnused_implicitDefaultServesAndDroppedPoolsAreEvents() throws Exception {
        int port = freePort();
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        TaskRequest request = staticSite(
                "pools",
                port,
                Map.of("application_pool", List.of(Map.of("name", "web"), Map.of("name", "api", "queue_length", 10))));
        driver.startTask(request);
        String site = "nomad-" + TaskFixtures.ALLOC + "-pools";
        assertThat(get(port)).isEqualTo(200);
        assertThat(host.poolNames()).containsExactly(site);
        assertThat(host.site(site).orElseThrow().applications().get(0).poolName())
                .isEqualTo(site);
        assertThat(events)
                .extracting(TaskEvent::message)
                .contains(
                        "Application pool \"web\" is not used by any application and was not created",
                        "Application pool \"api\" is not used by any application and was not created")
                .noneMatch(m -> m.contains("\"default\""));
    }

    @Test
    void serviceRestart_bindingTakenMeanwhile_taskEndsWithEventInsteadOfLookingRunning() throws Exception {
        int port = freePort();
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        TaskRequest request = staticSite("taken", port, Map.of());
        driver.startTask(request);
        assertThat(get(port)).isEqualTo(200);
        String pool = "nomad-" + TaskFixtures.ALLOC + "-taken";

        // the portable web server dies (as a crash would); before it is started again, another
        // program takes the site's port
        io.nomadiis.iis.portable.ServiceInfo service = io.nomadiis.iis.portable.Json.MAPPER.readValue(
                new io.nomadiis.iis.portable.StateLayout(stateDir)
                        .serviceInfoFile()
                        .toFile(),
                io.nomadiis.iis.portable.ServiceInfo.class);
        ProcessHandle serviceProcess = ProcessHandle.of(service.pid()).orElseThrow();
        serviceProcess.destroyForcibly();
        serviceProcess.onExit().get(30, TimeUnit.SECONDS);
        try (ServerSocket squatter = takePort(port)) {
            TaskExit exit = driver.waitTask(request.taskId()).get(60, TimeUnit.SECONDS);
            assertThat(exit.exitCode()).isNotZero();
            assertThat(exit.err())
                    .contains("binding http *:" + port)
                    .contains("could not be opened again after a service restart");
            assertThat(events)
                    .extracting(TaskEvent::message)
                    .anyMatch(m -> m.startsWith("Error:") && m.contains("binding http *:" + port));
            io.nomadiis.iis.PoolRuntime runtime = host.poolRuntime(pool);
            assertThat(runtime.failure()).contains("could not be opened again");
            assertThat(runtime.workerPids()).isEmpty();
        }
    }

    /** Binds the port as soon as it is free (the killed service's socket closes with the process). */
    private static ServerSocket takePort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return new ServerSocket(port);
            } catch (IOException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                Thread.sleep(5);
            }
        }
    }

    @Test
    void startTask_unknownPortLabel_invalidAndNothingLeft() throws Exception {
        TaskRequest good =
                staticSite("bad", freePort(), Map.of("binding", List.of(Map.of("type", "http", "port", "nope"))));
        assertThatThrownBy(() -> driver.startTask(good))
                .isInstanceOf(DriverException.class)
                .satisfies(
                        e -> assertThat(((DriverException) e).kind()).isEqualTo(DriverException.Kind.INVALID_ARGUMENT))
                .hasMessageContaining("\"nope\" is not a port label");
        assertThat(host.siteNames()).isEmpty();
        assertThat(host.poolNames()).isEmpty();
        assertThat(driver.registry().handles()).isEmpty();
    }

    @Test
    void startTask_portInUse_failsAndRollsBack() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            TaskRequest request = staticSite("busy", busy.getLocalPort(), Map.of());
            assertThatThrownBy(() -> driver.startTask(request))
                    .isInstanceOf(DriverException.class)
                    .hasMessageContaining("failed to start task busy");
            assertThat(host.siteNames()).isEmpty();
            assertThat(host.poolNames()).isEmpty();
        }
    }

    @Test
    void logFiles_linesReachStdoutSink_andContinueAfterRecovery() throws Exception {
        TaskRequest request = staticSite("logs", freePort(), Map.of("log_files", List.of("local/logs/*.log")));
        Path logDir = request.taskDir().resolve("local/logs");
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("app.log"), "first line\n");
        StartedTask started = driver.startTask(request);
        Path stdout = Path.of(request.stdoutPath());
        waitFor(() -> read(stdout).contains("first line\n"));
        driver.close();
        drivers.remove(driver);
        Files.writeString(logDir.resolve("app.log"), "second line\n", java.nio.file.StandardOpenOption.APPEND);
        IisTaskDriver restarted = newDriver(new PortableIisHost(stateDir));
        restarted.recoverTask(request, started.handleVersion(), started.driverState());
        waitFor(() -> read(stdout).contains("second line\n"));
        assertThat(read(stdout).split("first line", -1)).hasSize(2);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(12000));

    /** A free port in Nomad's dynamic range (below the OS's ephemeral range the workers draw from). */
    private static int freePort() throws IOException {
        for (int i = 0; i < 2000; i++) {
            try (ServerSocket s = new ServerSocket(20000 + Math.floorMod(NEXT_PORT.getAndIncrement(), 12000))) {
                return s.getLocalPort();
            } catch (IOException busy) {
                // next
            }
        }
        throw new IOException("no free port in 20000-31999");
    }

    private int get(int port) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(int port) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
