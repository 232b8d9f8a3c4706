package io.nomadiis.iis.portable;

import static io.nomadiis.iis.portable.PortableTestSupport.awaitServiceGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.IisHostContractTest;
import io.nomadiis.iis.IisHostFixture;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link IisHost} contract against the portable host. */
class PortableIisHostContractTest extends IisHostContractTest {
    @Override
    protected IisHost createHost(Path stateDir) {
        return new PortableIisHost(stateDir);
    }

    @Override
    protected void assertHostLeftNothing(Path stateDir) {
        StateLayout layout = new StateLayout(stateDir);
        awaitServiceGone(stateDir);
        assertThat(layout.configFile()).doesNotExist();
        assertThat(layout.serviceInfoFile()).doesNotExist();
        assertThat(layout.lockFile()).doesNotExist();
        assertThat(Files.exists(layout.poolsDir())).isFalse();
    }

    @Test
    void serviceKilled_nextUseStartsAServiceThatReadoptsTheRunningWorkers() throws Exception {
        killServiceAndReadoptWorker();
    }

    /**
     * The JDK shows only the first 4096 bytes of another process's command line on Linux: with a longer class
     * path (a plugin installed deep in a folder tree, a test run from Maven) the worker must still be found.
     */
    @Test
    void serviceKilled_workersWithACommandLineLongerThan4096Bytes_areReadoptedToo() throws Exception {
        String classPath = System.getProperty("java.class.path");
        String padding = temp.resolve("absent-" + "x".repeat(4200)).toString();
        System.setProperty("java.class.path", padding + java.io.File.pathSeparator + classPath);
        try {
            killServiceAndReadoptWorker();
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    private void killServiceAndReadoptWorker() throws Exception {
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "still here");
        int port = IisHostFixture.freePort();
        deploy(IisHostFixture.staticSite(
                "nomad-adopt",
                www,
                port,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10))));
        List<Long> pids = host.poolRuntime("nomad-adopt").workerPids();
        ServiceInfo service = Json.MAPPER.readValue(
                new StateLayout(stateDir).serviceInfoFile().toFile(), ServiceInfo.class);

        ProcessHandle serviceProcess = ProcessHandle.of(service.pid()).orElseThrow();
        serviceProcess.destroyForcibly();
        serviceProcess.onExit().get();
        assertThat(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive)).hasValue(true);

        host = new PortableIisHost(stateDir);
        assertThat(host.poolRuntime("nomad-adopt").workerPids()).isEqualTo(pids);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("still here");
    }

    @Test
    void serviceOfAnotherBuild_handsOverToANewServiceThatKeepsTheWorkers() throws Exception {
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "upgraded");
        int port = IisHostFixture.freePort();
        deploy(IisHostFixture.staticSite(
                "nomad-upgrade",
                www,
                port,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10))));
        List<Long> pids = host.poolRuntime("nomad-upgrade").workerPids();
        StateLayout layout = new StateLayout(stateDir);
        ServiceInfo old = Json.MAPPER.readValue(layout.serviceInfoFile().toFile(), ServiceInfo.class);
        AtomicFiles.write(
                layout.serviceInfoFile(),
                Json.MAPPER.writeValueAsBytes(new ServiceInfo(old.pid(), old.port(), old.token(), "an-older-build")));

        host = new PortableIisHost(stateDir);
        assertThat(host.poolRuntime("nomad-upgrade").workerPids()).isEqualTo(pids);

        ServiceInfo now = Json.MAPPER.readValue(layout.serviceInfoFile().toFile(), ServiceInfo.class);
        assertThat(now.pid()).isNotEqualTo(old.pid());
        assertThat(ProcessHandle.of(old.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("upgraded");
    }

    @Test
    void stateDirRemovedUnderTheService_serviceStopsItsWorkersAndExits() throws Exception {
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "orphan");
        int port = IisHostFixture.freePort();
        host.deploy(IisHostFixture.staticSite(
                "nomad-orphan",
                www,
                port,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10))));
        long worker = host.poolRuntime("nomad-orphan").workerPids().get(0);

        try (java.util.stream.Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }

        PortableTestSupport.awaitServiceGone(stateDir);
        assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(stateDir).doesNotExist();
        try (ServerSocket free = new ServerSocket(port)) {
            assertThat(free.getLocalPort()).isEqualTo(port);
        }
        Files.createDirectories(stateDir);
    }
}
