package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.iis.portable.PortableIisHost;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: StopTask honours Nomad's {@code timeout}. On the real portable host, a pool with a 90 s
 * {@code shutdown_time_limit} serves an ANCM-style {@code processPath} app that never listens, so a request
 * stays in flight and the worker's graceful drain would take the whole limit. StopTask with a 1 s timeout
 * returns long before that, and the worker and its child process are gone.
 */
class StopTaskDeadlineTest {
    private static final Duration POOL_SHUTDOWN_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private Path stateDir;
    private PortableIisHost host;
    private IisTaskDriver driver;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() {
        stateDir = temp.resolve("state");
        host = new PortableIisHost(stateDir);
        driver = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                TaskFixtures.pluginConfig());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (RunningTask h : driver.registry().handles()) {
            driver.destroyTask(h.taskId(), true);
        }
        driver.close();
        PortableTestSupport.shutdown(host, stateDir);
    }

    @Test
    void stopTask_withATimeout_killsWorkersThatDoNotStop_andReturnsLongBeforeThePoolsLimit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TaskRequest request = hangingApp("web", port);
        driver.startTask(request);
        String pool =
                driver.registry().require(request.taskId()).state().appPools().get("default");

        http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        List<Long> pids = awaitWorkerAndChild(pool);

        long began = System.nanoTime();
        driver.stopTask(request.taskId(), Duration.ofSeconds(1), "SIGINT");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isLessThan(POOL_SHUTDOWN_LIMIT.dividedBy(3));
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process " + pid + " of the pool is gone")
                    .isFalse();
        }
        assertThat(host.poolNames()).doesNotContain(pool);
        assertThat(driver.waitTask(request.taskId())
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .err())
                .isEmpty();
    }

    @Test
    void stopDeadline_sigkillIsImmediate_zeroTimeoutLeavesThePoolsLimits() {
        assertThat(IisTaskDriver.stopDeadline(Duration.ofSeconds(5), "SIGKILL")).isEqualTo(Duration.ZERO);
        assertThat(IisTaskDriver.stopDeadline(Duration.ofSeconds(5), "SIGINT")).isEqualTo(Duration.ofSeconds(5));
        assertThat(IisTaskDriver.stopDeadline(Duration.ZERO, "SIGTERM")).isNull();
        assertThat(IisTaskDriver.stopDeadline(null, "")).isNull();
    }

    private List<Long> awaitWorkerAndChild(String pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> pids = host.poolRuntime(pool).workerPids();
            if (pids.size() >= 2) {
                return pids;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the worker did not start its processPath child: "
                + host.poolRuntime(pool).workerPids());
    }

    /** An app whose web.config starts a process that never listens, with a pool that would drain for 90 s. */
    private TaskRequest hangingApp(String task, int port) throws Exception {
        Path allocDir = temp.resolve("alloc-" + task);
        Path app = Files.createDirectories(allocDir.resolve(task).resolve("local/app"));
        Files.writeString(
                app.resolve("web.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><system.webServer>"
                        + "<aspNetCore processPath=\"/usr/bin/sleep\" arguments=\"600\" startupTimeLimit=\"240\"/>"
                        + "</system.webServer></configuration>\n");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        byte[] config = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application_pool",
                        List.of(Map.of(
                                "name", "default", "shutdown_time_limit", POOL_SHUTDOWN_LIMIT.toSeconds() + "s")),
                        "application",
                        List.of(Map.of("path", "local/app")),
                        "binding",
                        List.of(Map.of("type", "http", "port", "http"))));
        TaskIdentity id = new TaskIdentity(
                TaskFixtures.ALLOC + "/" + task + "/abcd1234",
                TaskFixtures.ALLOC,
                task,
                "default",
                "job",
                "job",
                "group");
        return new TaskRequest(
                id, allocDir, Map.of(), List.of(new TaskPort("http", port, 0, "")), "", "", 100, 128, config);
    }
}
