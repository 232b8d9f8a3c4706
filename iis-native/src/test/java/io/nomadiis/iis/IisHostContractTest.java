package io.nomadiis.iis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.nomadiis.iis.IisHostFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link IisHost} must do, seen from outside: real deployments, real HTTP on real ports.
 * A host implementation subclasses this and provides {@link #createHost(Path)}.
 */
public abstract class IisHostContractTest {
    @TempDir
    protected Path temp;
    protected Path stateDir;
    protected IisHost host;
    private final List<WebsiteRemoval> cleanups = new ArrayList<>();

    /** A host keeping its state under {@code stateDir}. */
    protected abstract IisHost createHost(Path stateDir);

    /** Host-specific checks that nothing of the state dir is left (processes, files); called after cleanup. */
    protected void assertHostLeftNothing(Path stateDir) {
    }

    @BeforeEach
    void createHostUnderTest() throws IOException {
        stateDir = Files.createDirectories(temp.resolve("state"));
        host = createHost(stateDir);
    }

    @AfterEach
    void removeEverything() throws IisException {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            host.remove(cleanups.get(i));
        }
        assertThat(host.siteNames()).isEmpty();
        assertThat(host.poolNames()).isEmpty();
        assertHostLeftNothing(stateDir);
        host.close();
    }

    protected WebsiteDeployment deploy(WebsiteDeployment deployment, String... thumbprints) throws IisException {
        cleanups.add(removal(deployment, List.of(thumbprints)));
        host.deploy(deployment);
        return deployment;
    }

    @Test
    void staticSite_get_servesFilesWithContentTypeDefaultDocumentAnd404() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "<h1>home</h1>", "css/site.css", "body{}",
                "docs/readme.txt", "plain words"));
        int port = freePort();
        deploy(site("nomad-static", List.of(pool("nomad-static")), List.of(http(port)),
                List.of(app("/", www, "nomad-static"))));

        HttpResponse<String> home = get("http://127.0.0.1:" + port + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).isEqualTo("<h1>home</h1>");
        assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html");
        HttpResponse<String> css = get("http://127.0.0.1:" + port + "/css/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).isEqualTo("body{}");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css");
        HttpResponse<String> dir = get("http://127.0.0.1:" + port + "/docs");
        assertThat(dir.statusCode()).isEqualTo(301);
        assertThat(dir.headers().firstValue("Location")).hasValue("/docs/");
        assertThat(get("http://127.0.0.1:" + port + "/docs/readme.txt").body()).isEqualTo("plain words");
        assertThat(get("http://127.0.0.1:" + port + "/missing.html").statusCode()).isEqualTo(404);
        assertThat(host.poolRuntime("nomad-static").state()).isEqualTo(PoolState.STARTED);
        assertThat(host.site("nomad-static")).hasValueSatisfying(s -> assertThat(s.bindings()).hasSize(1));
    }

    @Test
    void twoApplicationsOnTwoPools_withVirtualDirectory_routeByLongestPath() throws Exception {
        Path root = folder(temp, "root", Map.of("Default.htm", "root app"));
        Path api = folder(temp, "api", Map.of("index.htm", "api app", "data.json", "{\"a\":1}"));
        Path media = folder(temp, "media", Map.of("logo.svg", "<svg/>"));
        int port = freePort();
        deploy(site("nomad-two", List.of(pool("nomad-two"), pool("nomad-two-api")), List.of(http(port)),
                List.of(app("/", root, "nomad-two"), app("/api", api, "nomad-two-api",
                        new VirtualDirectorySpec("/media", media, List.of())))));

        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("root app");
        assertThat(get("http://127.0.0.1:" + port + "/api/").body()).isEqualTo("api app");
        HttpResponse<String> json = get("http://127.0.0.1:" + port + "/api/data.json");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<String> svg = get("http://127.0.0.1:" + port + "/api/media/logo.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).isEqualTo("<svg/>");
        List<Long> rootPids = host.poolRuntime("nomad-two").workerPids();
        List<Long> apiPids = host.poolRuntime("nomad-two-api").workerPids();
        assertThat(rootPids).hasSize(1);
        assertThat(apiPids).hasSize(1).doesNotContainAnyElementsOf(rootPids);
    }

    @Test
    void stoppedPool_httpLevel_answers503_andServesReplacedFilesAfterStart() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "version 1"));
        int port = freePort();
        deploy(site("nomad-stop", List.of(pool("nomad-stop")), List.of(http(port)), List.of(app("/", www, "nomad-stop"))));
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("version 1");

        host.stopPool("nomad-stop");
        PoolRuntime stopped = host.poolRuntime("nomad-stop");
        assertThat(stopped.state()).isEqualTo(PoolState.STOPPED);
        assertThat(stopped.workerPids()).isEmpty();
        assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
        Files.writeString(www.resolve("index.html"), "version 2");

        host.startPool("nomad-stop");
        assertThat(host.poolRuntime("nomad-stop").state()).isEqualTo(PoolState.STARTED);
        HttpResponse<String> after = get("http://127.0.0.1:" + port + "/");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("version 2");
    }

    @Test
    void stoppedPool_tcpLevel_dropsTheConnection() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "hello"));
        int port = freePort();
        deploy(site("nomad-tcp", List.of(pool("nomad-tcp", ServiceUnavailableResponse.TCP_LEVEL, Map.of())),
                List.of(http(port)), List.of(app("/", www, "nomad-tcp"))));
        host.stopPool("nomad-tcp");

        assertThatThrownBy(() -> get("http://127.0.0.1:" + port + "/")).isInstanceOf(IOException.class);
        host.startPool("nomad-tcp");
        assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void deploy_portAlreadyInUse_failsNamingTheBindingAndLeavesNothing() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "hello"));
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            WebsiteDeployment deployment = site("nomad-busy", List.of(pool("nomad-busy")), List.of(http(port)),
                    List.of(app("/", www, "nomad-busy")));
            assertThatThrownBy(() -> host.deploy(deployment))
                    .isInstanceOfSatisfying(IisException.class, e -> {
                        assertThat(e.getMessage()).contains(Integer.toString(port)).contains("in use");
                        assertThat(e.retryable()).isFalse();
                    });
        }
        assertThat(host.siteNames()).isEmpty();
        assertThat(host.poolNames()).isEmpty();
        assertThat(host.poolRuntime("nomad-busy").state()).isEqualTo(PoolState.UNKNOWN);
    }

    @Test
    void deploy_missingPhysicalPath_failsWithClearErrorAndLeavesNothing() throws Exception {
        int port = freePort();
        WebsiteDeployment deployment = site("nomad-nopath", List.of(pool("nomad-nopath")), List.of(http(port)),
                List.of(app("/", temp.resolve("does-not-exist"), "nomad-nopath")));
        assertThatThrownBy(() -> host.deploy(deployment)).isInstanceOf(IisException.class)
                .hasMessageContaining("does-not-exist").hasMessageContaining("does not exist");
        assertThat(host.poolNames()).isEmpty();
        assertThat(portFree(port)).isTrue();
    }

    @Test
    void remove_leavesNoWorkerNoSiteAndFreesThePort() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "bye"));
        int port = freePort();
        WebsiteDeployment deployment = site("nomad-gone", List.of(pool("nomad-gone")), List.of(http(port)),
                List.of(app("/", www, "nomad-gone")));
        host.deploy(deployment);
        List<Long> pids = host.poolRuntime("nomad-gone").workerPids();
        assertThat(pids).isNotEmpty();

        host.remove(removal(deployment, List.of()));
        host.remove(removal(deployment, List.of()));

        assertThat(host.siteNames()).doesNotContain("nomad-gone");
        assertThat(host.poolRuntime("nomad-gone").state()).isEqualTo(PoolState.UNKNOWN);
        pids.forEach(pid -> await("worker " + pid + " to exit", 30, () -> !alive(pid)));
        await("port " + port + " to be free", 30, () -> portFree(port));
    }

    @Test
    void secondHostOnSameState_seesTheSameWorkersAndCanStopThem() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "shared"));
        int port = freePort();
        deploy(site("nomad-again", List.of(pool("nomad-again")), List.of(http(port)), List.of(app("/", www, "nomad-again"))));
        List<Long> pids = host.poolRuntime("nomad-again").workerPids();
        host.close();

        host = createHost(stateDir);
        assertThat(host.poolRuntime("nomad-again").workerPids()).isEqualTo(pids);
        assertThat(host.siteNames()).contains("nomad-again");
        host.stopPool("nomad-again");
        assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
    }
}
