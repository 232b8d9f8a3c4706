package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.testing.ForwardingIisHost;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code directory_security} in the start and teardown flow, on the real portable host wrapped to fail the
 * lock-down as Windows can (an account WAS never created): the start succeeds with a task event, and the
 * teardown asks for the release while the task's pools still exist.
 */
class DirectorySecurityStartTest {
    @TempDir
    Path temp;

    private PortableIisHost portable;
    private IisTaskDriver driver;

    /** The real portable host, with the lock-down failing and the calls recorded. */
    private static final class LockdownFailingHost extends ForwardingIisHost {
        final List<DirectoryLockdown> lockdowns = new CopyOnWriteArrayList<>();
        final List<DirectoryRelease> releases = new CopyOnWriteArrayList<>();
        final List<List<String>> poolsAtRelease = new CopyOnWriteArrayList<>();

        LockdownFailingHost(IisHost real) {
            super(real);
        }

        @Override
        public void lockDownDirectories(DirectoryLockdown lockdown) throws IisException {
            lockdowns.add(lockdown);
            throw new IisException(
                    "account \"IIS AppPool\\" + lockdown.pools().get(0).name() + "\" could not be resolved",
                    true,
                    null);
        }

        @Override
        public void releaseDirectories(DirectoryRelease release) {
            releases.add(release);
            poolsAtRelease.add(real.poolNames());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            for (RunningTask h : driver.registry().handles()) {
                driver.destroyTask(h.taskId(), true);
            }
            driver.close();
        }
        if (portable != null) {
            PortableTestSupport.shutdown(portable, temp.resolve("state"));
        }
    }

    @Test
    void lockDownFailure_isATaskEvent_theSiteServes_andTeardownReleasesBeforeRemovingPools() throws Exception {
        Path stateDir = temp.resolve("state");
        portable = new PortableIisHost(stateDir);
        LockdownFailingHost host = new LockdownFailingHost(portable);
        PluginConfig base = TaskFixtures.pluginConfig();
        PluginConfig secured = new PluginConfig(
                base.enabled(),
                base.fingerprintInterval(),
                true,
                base.allowedTargetWebsites(),
                base.allowedAppPoolIdentities(),
                base.allowedAppPoolUsers(),
                base.placeholderAppPath(),
                base.procdump());
        driver = new IisTaskDriver(
                host,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), Duration.ofMillis(500)),
                secured);
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path allocDir = temp.resolve("alloc");
        Path site = Files.createDirectories(allocDir.resolve("web/local/site"));
        Files.writeString(site.resolve("index.html"), "secured");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        byte[] config = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application", List.of(Map.of("path", "local/site")),
                        "binding", List.of(Map.of("type", "http", "port", "http")),
                        "permit_iusr", false));
        TaskIdentity id = new TaskIdentity(
                TaskFixtures.ALLOC + "/web/r4nd0m00", TaskFixtures.ALLOC, "web", "default", "job", "job", "group");
        TaskRequest request = new TaskRequest(
                id,
                allocDir,
                Map.of(),
                List.of(new TaskPort("http", port, 0, "")),
                allocDir.resolve("alloc/logs/web.stdout").toString(),
                allocDir.resolve("alloc/logs/web.stderr").toString(),
                100,
                64,
                config);

        driver.startTask(request);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(host.lockdowns).hasSize(1);
        DirectoryLockdown lockdown = host.lockdowns.get(0);
        assertThat(lockdown.allocDir()).isEqualTo(allocDir);
        assertThat(lockdown.taskName()).isEqualTo("web");
        assertThat(lockdown.permitIusr()).isFalse();
        String pool = "nomad-" + TaskFixtures.ALLOC + "-web";
        assertThat(lockdown.pools()).extracting(p -> p.name()).containsExactly(pool);
        assertThat(events)
                .extracting(TaskEvent::message)
                .anySatisfy(m -> assertThat(m)
                        .startsWith("Error: directory_security could not be applied")
                        .contains("IIS AppPool\\" + pool));

        driver.destroyTask(request.taskId(), true);

        assertThat(host.releases).hasSize(1);
        assertThat(host.releases.get(0).poolNames()).containsExactly(pool);
        assertThat(host.releases.get(0).taskName()).isEqualTo("web");
        assertThat(host.poolsAtRelease.get(0)).contains(pool);
        assertThat(portable.poolNames()).doesNotContain(pool);
    }
}
