package io.nomadiis.iis;

import static io.nomadiis.iis.IisHostFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link IisHost} must do, seen from outside: real deployments, real HTTP on real ports.
 * A host implementation subclasses this and provides {@link #createHost(Path)}. What differs between hosts
 * is declared, not assumed: whether the host serves real HTTP here ({@link #servesHttp()}: the portable host
 * and real IIS do, the Windows host on the AHADMIN double does not), whether a worker runs right after a
 * deploy or only after the first request ({@link #workerStartsOnDeploy()}: IIS starts w3wp on the first
 * request, windows-iis.md section 2), whether a killed worker comes back without a request, whether stdout is
 * captured ({@link #capturesStdout()}: portable only; w3wp has no console) and whether a pool recycles on a
 * period of seconds (IIS's {@code periodicRestart.time} has a granularity of one minute).
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
    protected void assertHostLeftNothing(Path stateDir) {}

    /** Whether the host serves real HTTP in this test run. */
    protected boolean servesHttp() {
        return true;
    }

    /** Whether a pool's worker runs right after deploy (portable) or only after the first request (IIS). */
    protected boolean workerStartsOnDeploy() {
        return true;
    }

    /** Whether a worker killed from outside is replaced without a request (portable) or on the next one (IIS). */
    protected boolean restartsWorkerWithoutRequest() {
        return true;
    }

    /** Whether the host writes a worker's stdout to {@link AppPoolSpec#stdoutPath()} (portable only). */
    protected boolean capturesStdout() {
        return true;
    }

    /** Whether a pool can recycle on a period of a few seconds (IIS: whole minutes only). */
    protected boolean recyclesWithinSeconds() {
        return true;
    }

    /**
     * A request reaches the site, so that a host that starts workers on the first request starts them: an HTTP
     * GET where the host serves HTTP; hosts that do not serve HTTP here override this.
     */
    protected void request(String site, int port) throws Exception {
        get("http://127.0.0.1:" + port + "/");
    }

    /** Makes another process hold the port (beyond the test's own socket, for hosts that do not bind ports here). */
    protected void portHeldElsewhere(int port) {}

    private void requestIfWorkerStartsOnRequest(String site, int port) throws Exception {
        if (!workerStartsOnDeploy()) {
            request(site, port);
        }
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
        Path www = folder(
                temp,
                "www",
                Map.of("index.html", "<h1>home</h1>", "css/site.css", "body{}", "docs/readme.txt", "plain words"));
        int port = freePort();
        deploy(site(
                "nomad-static",
                List.of(pool("nomad-static")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-static"))));

        assertThat(host.site("nomad-static"))
                .hasValueSatisfying(s -> assertThat(s.bindings()).hasSize(1));
        assertThat(host.poolRuntime("nomad-static").state()).isEqualTo(PoolState.STARTED);
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
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
        assertThat(get("http://127.0.0.1:" + port + "/missing.html").statusCode())
                .isEqualTo(404);
        assertThat(host.poolRuntime("nomad-static").state()).isEqualTo(PoolState.STARTED);
        assertThat(host.site("nomad-static"))
                .hasValueSatisfying(s -> assertThat(s.bindings()).hasSize(1));
    }

    @Test
    void twoApplicationsOnTwoPools_withVirtualDirectory_routeByLongestPath() throws Exception {
        Path root = folder(temp, "root", Map.of("Default.htm", "root app"));
        Path api = folder(temp, "api", Map.of("index.htm", "api app", "data.json", "{\"a\":1}"));
        Path media = folder(temp, "media", Map.of("logo.svg", "<svg/>"));
        int port = freePort();
        deploy(site(
                "nomad-two",
                List.of(pool("nomad-two"), pool("nomad-two-api")),
                List.of(http(port)),
                List.of(
                        app("/", root, "nomad-two"),
                        app("/api", api, "nomad-two-api", new VirtualDirectorySpec("/media", media, List.of())))));

        if (servesHttp()) {
            assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("root app");
            assertThat(get("http://127.0.0.1:" + port + "/api/").body()).isEqualTo("api app");
            HttpResponse<String> json = get("http://127.0.0.1:" + port + "/api/data.json");
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            HttpResponse<String> svg = get("http://127.0.0.1:" + port + "/api/media/logo.svg");
            assertThat(svg.statusCode()).isEqualTo(200);
            assertThat(svg.body()).isEqualTo("<svg/>");
        } else {
            request("nomad-two", port);
        }
        List<Long> rootPids = host.poolRuntime("nomad-two").workerPids();
        List<Long> apiPids = host.poolRuntime("nomad-two-api").workerPids();
        assertThat(rootPids).hasSize(1);
        assertThat(apiPids).hasSize(1).doesNotContainAnyElementsOf(rootPids);
    }

    @Test
    void stoppedPool_httpLevel_answers503_andServesReplacedFilesAfterStart() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "version 1"));
        int port = freePort();
        deploy(site(
                "nomad-stop", List.of(pool("nomad-stop")), List.of(http(port)), List.of(app("/", www, "nomad-stop"))));
        if (servesHttp()) {
            assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("version 1");
        }

        host.stopPool("nomad-stop");
        PoolRuntime stopped = host.poolRuntime("nomad-stop");
        assertThat(stopped.state()).isEqualTo(PoolState.STOPPED);
        assertThat(stopped.workerPids()).isEmpty();
        assertThat(stopped.failure()).isNull();
        if (servesHttp()) {
            assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
        }
        Files.writeString(www.resolve("index.html"), "version 2");

        host.startPool("nomad-stop");
        assertThat(host.poolRuntime("nomad-stop").state()).isEqualTo(PoolState.STARTED);
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        HttpResponse<String> after = get("http://127.0.0.1:" + port + "/");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("version 2");
    }

    @Test
    void stoppedPool_tcpLevel_dropsTheConnection() throws Exception {
        assumeTrue(servesHttp(), "serving HTTP is checked where the host serves it");
        Path www = folder(temp, "www", Map.of("index.html", "hello"));
        int port = freePort();
        deploy(site(
                "nomad-tcp",
                List.of(pool("nomad-tcp", ServiceUnavailableResponse.TCP_LEVEL, Map.of())),
                List.of(http(port)),
                List.of(app("/", www, "nomad-tcp"))));
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
            portHeldElsewhere(port);
            WebsiteDeployment deployment = site(
                    "nomad-busy",
                    List.of(pool("nomad-busy")),
                    List.of(http(port)),
                    List.of(app("/", www, "nomad-busy")));
            assertThatThrownBy(() -> host.deploy(deployment)).isInstanceOfSatisfying(IisException.class, e -> {
                assertThat(e.getMessage()).contains(Integer.toString(port)).contains("in use");
                assertThat(e.retryable()).isFalse();
            });
        }
        assertThat(host.siteNames()).isEmpty();
        assertThat(host.poolNames()).isEmpty();
        assertThat(host.poolRuntime("nomad-busy").state()).isEqualTo(PoolState.UNKNOWN);
    }

    @Test
    void deploy_bindingOfAnotherSite_failsNamingThatSiteAndLeavesTheOtherServing() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "first"));
        int port = freePort();
        deploy(site(
                "nomad-first",
                List.of(pool("nomad-first")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-first"))));
        WebsiteDeployment second = site(
                "nomad-second",
                List.of(pool("nomad-second")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-second")));

        assertThatThrownBy(() -> host.deploy(second))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("nomad-first")
                .hasMessageContaining(Integer.toString(port));

        assertThat(host.siteNames()).containsExactly("nomad-first");
        assertThat(host.poolNames()).containsExactly("nomad-first");
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("first");
    }

    @Test
    void deploy_missingPhysicalPath_failsWithClearErrorAndLeavesNothing() throws Exception {
        int port = freePort();
        WebsiteDeployment deployment = site(
                "nomad-nopath",
                List.of(pool("nomad-nopath")),
                List.of(http(port)),
                List.of(app("/", temp.resolve("does-not-exist"), "nomad-nopath")));
        assertThatThrownBy(() -> host.deploy(deployment))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("does-not-exist")
                .hasMessageContaining("does not exist");
        assertThat(host.poolNames()).isEmpty();
        assertThat(portFree(port)).isTrue();
    }

    @Test
    void remove_leavesNoWorkerNoSiteAndFreesThePort() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "bye"));
        int port = freePort();
        WebsiteDeployment deployment = site(
                "nomad-gone", List.of(pool("nomad-gone")), List.of(http(port)), List.of(app("/", www, "nomad-gone")));
        host.deploy(deployment);
        requestIfWorkerStartsOnRequest("nomad-gone", port);
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
        deploy(site(
                "nomad-again",
                List.of(pool("nomad-again")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-again"))));
        requestIfWorkerStartsOnRequest("nomad-again", port);
        List<Long> pids = host.poolRuntime("nomad-again").workerPids();
        host.close();

        host = createHost(stateDir);
        assertThat(host.poolRuntime("nomad-again").workerPids()).isEqualTo(pids);
        assertThat(host.siteNames()).contains("nomad-again");
        host.stopPool("nomad-again");
        assertThat(host.poolRuntime("nomad-again").state()).isEqualTo(PoolState.STOPPED);
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
    }

    @Test
    void httpsBinding_pfxCertificate_servesTlsWithThatCertificate() throws Exception {
        Path pfx = TestCertificates.pfx(temp, "site", "RSA", "pfx-secret");
        InstalledCertificate installed =
                host.installCertificate(new CertificateSpec(null, pfx, "pfx-secret", null, null, false, null));
        java.security.cert.X509Certificate expected = TestCertificates.certificate(pfx, "pfx-secret");
        assertThat(installed.thumbprint()).isEqualTo(TestCertificates.thumbprint(expected));
        assertThat(installed.managed()).isTrue();
        assertThat(host.certificateExists(installed.thumbprint())).isTrue();
        Path www = folder(temp, "www", Map.of("index.html", "secure"));
        int port = freePort();
        deploy(
                site(
                        "nomad-tls",
                        List.of(pool("nomad-tls")),
                        List.of(https(port, installed.thumbprint())),
                        List.of(app("/", www, "nomad-tls"))),
                installed.thumbprint());

        assertThat(host.site("nomad-tls").orElseThrow().bindings().get(0).certificateThumbprint())
                .isEqualTo(installed.thumbprint());
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        HttpResponse<String> response = get(TestCertificates.trusting(expected), "https://localhost:" + port + "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("secure");
    }

    @Test
    void httpsBinding_pemEcCertificateAndKeyInOneFile_servesTls() throws Exception {
        Path pfx = TestCertificates.pfx(temp, "ec", "EC", "pem-secret");
        Path bundle = TestCertificates.pemBundle(pfx, "pem-secret", temp.resolve("bundle.pem"));
        InstalledCertificate installed =
                host.installCertificate(new CertificateSpec(null, null, null, bundle, bundle, false, null));
        java.security.cert.X509Certificate expected = TestCertificates.certificate(pfx, "pem-secret");
        assertThat(installed.thumbprint()).isEqualTo(TestCertificates.thumbprint(expected));
        Path www = folder(temp, "www", Map.of("index.html", "pem"));
        int port = freePort();
        deploy(
                site(
                        "nomad-pem",
                        List.of(pool("nomad-pem")),
                        List.of(https(port, installed.thumbprint())),
                        List.of(app("/", www, "nomad-pem"))),
                installed.thumbprint());

        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get(TestCertificates.trusting(expected), "https://localhost:" + port + "/")
                        .body())
                .isEqualTo("pem");
    }

    @Test
    void httpsBinding_selfSignedCertificate_isPresentedAndRemovedWithTheSite() throws Exception {
        InstalledCertificate installed =
                host.installCertificate(new CertificateSpec(null, null, null, null, null, true, ""));
        Path www = folder(temp, "www", Map.of("index.html", "self"));
        int port = freePort();
        WebsiteDeployment deployment = site(
                "nomad-self",
                List.of(pool("nomad-self")),
                List.of(https(port, installed.thumbprint())),
                List.of(app("/", www, "nomad-self")));
        host.deploy(deployment);

        if (!servesHttp()) {
            host.remove(removal(deployment, List.of(installed.thumbprint())));
            assertThat(host.certificateExists(installed.thumbprint())).isFalse();
            return;
        }
        java.security.cert.X509Certificate presented = TestCertificates.presented(port);
        assertThat(TestCertificates.thumbprint(presented)).isEqualTo(installed.thumbprint());
        assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(presented.getSubjectAlternativeNames())
                .anySatisfy(san -> assertThat(san.get(1)).isEqualTo("127.0.0.1"));
        assertThat(get(TestCertificates.trusting(presented), "https://localhost:" + port + "/")
                        .body())
                .isEqualTo("self");

        host.remove(removal(deployment, List.of(installed.thumbprint())));
        assertThat(host.certificateExists(installed.thumbprint())).isFalse();
    }

    @Test
    void installCertificate_unknownThumbprint_failsClearly() {
        assertThatThrownBy(() -> host.installCertificate(new CertificateSpec(
                        "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33",
                        null,
                        null,
                        null,
                        null,
                        false,
                        null)))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("00112233445566778899AABBCCDDEEFF00112233");
    }

    @Test
    void aspNetCoreApplication_runsProcessPathWithPortAndEnvironment_andRestartsIt() throws Exception {
        assumeTrue(servesHttp() && capturesStdout(), "ANCM and stdout capture are checked where the host has them");
        Path app = folder(temp, "ancm", Map.of("web.config", webConfig()));
        Path stdout = temp.resolve("stdout.log");
        AppPoolSpec spec = new AppPoolSpec(
                "nomad-ancm",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, java.time.Duration.ofSeconds(10)),
                Map.of("POOL_VAR", "pool-value"),
                List.of(),
                stdout,
                null);
        int port = freePort();
        deploy(site("nomad-ancm", List.of(spec), List.of(http(port)), List.of(app("/", app, "nomad-ancm"))));

        HttpResponse<String> first = get("http://127.0.0.1:" + port + "/hello?x=1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("path=/hello", "POOL_VAR=pool-value", "FROM_WEBCONFIG=yes");
        long childPid =
                Long.parseLong(first.body().lines().findFirst().orElseThrow().substring(4));
        assertThat(host.poolRuntime("nomad-ancm").workerPids()).contains(childPid);
        await(
                "the app's output in the stdout sink",
                30,
                () -> Files.exists(stdout) && readQuietly(stdout).contains("ancm test app listening"));

        get("http://127.0.0.1:" + port + "/exit");
        await("the app to be restarted", 60, () -> {
            try {
                HttpResponse<String> again = get("http://127.0.0.1:" + port + "/hello");
                return again.statusCode() == 200 && !again.body().startsWith("pid=" + childPid + "\n");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        host.stopPool("nomad-ancm");
        await(
                "the app to be killed with its worker",
                30,
                () -> !alive(childPid)
                        && host.poolRuntime("nomad-ancm").workerPids().isEmpty());
    }

    @Test
    void recycle_givesNewWorkerWithoutFailingStaticRequests() throws Exception {
        assumeTrue(servesHttp(), "serving HTTP is checked where the host serves it");
        Path www = folder(temp, "www", Map.of("index.html", "steady"));
        int port = freePort();
        deploy(site(
                "nomad-recycle",
                List.of(pool("nomad-recycle")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-recycle"))));
        List<Long> before = host.poolRuntime("nomad-recycle").workerPids();
        java.util.concurrent.atomic.AtomicBoolean recycled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Thread load = new Thread(() -> {
            int afterRecycle = 0;
            for (int i = 0; i < 2000 && afterRecycle < 30; i++) {
                try {
                    HttpResponse<String> r = get("http://127.0.0.1:" + port + "/");
                    if (r.statusCode() != 200 || !r.body().equals("steady")) {
                        failures.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
                done.incrementAndGet();
                if (recycled.get()) {
                    afterRecycle++;
                }
            }
        });
        load.start();
        await("requests to flow", 30, () -> done.get() > 5);
        host.recyclePool("nomad-recycle");
        recycled.set(true);
        load.join(120_000);

        List<Long> after = host.poolRuntime("nomad-recycle").workerPids();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(failures.get()).isZero();
        assertThat(done.get()).isGreaterThan(30);
        before.forEach(pid -> await("the old worker to exit", 30, () -> !alive(pid)));
    }

    @Test
    void workerKilledFromOutside_isRestartedWithNewPid() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "phoenix"));
        int port = freePort();
        deploy(site(
                "nomad-crash",
                List.of(pool("nomad-crash")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-crash"))));
        requestIfWorkerStartsOnRequest("nomad-crash", port);
        long pid = host.poolRuntime("nomad-crash").workerPids().get(0);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await("a new worker", 60, () -> {
            if (!restartsWorkerWithoutRequest()) {
                requestQuietly("nomad-crash", port);
            }
            PoolRuntime runtime = host.poolRuntime("nomad-crash");
            return runtime.state() == PoolState.STARTED
                    && !runtime.workerPids().isEmpty()
                    && !runtime.workerPids().contains(pid);
        });
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("phoenix");
    }

    @Test
    void repeatedCrashes_stopThePoolByRapidFailProtection() throws Exception {
        Path www = folder(temp, "www", Map.of("index.html", "fragile"));
        int port = freePort();
        deploy(site(
                "nomad-fail", List.of(pool("nomad-fail")), List.of(http(port)), List.of(app("/", www, "nomad-fail"))));
        Set<Long> killed = new HashSet<>();
        for (int crash = 0; crash < 5; crash++) {
            // a killed worker can still be listed until its parent reaps it: wait for one not killed yet
            AtomicLong fresh = new AtomicLong();
            await("a new running worker", 60, () -> {
                if (!restartsWorkerWithoutRequest()) {
                    requestQuietly("nomad-fail", port);
                }
                host.poolRuntime("nomad-fail").workerPids().stream()
                        .filter(p -> !killed.contains(p))
                        .findFirst()
                        .ifPresent(fresh::set);
                return fresh.get() != 0;
            });
            long pid = fresh.get();
            killed.add(pid);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            await("worker " + pid + " to die", 30, () -> !alive(pid));
        }
        await("the pool to be stopped", 60, () -> host.poolRuntime("nomad-fail").state() == PoolState.STOPPED);
        PoolRuntime runtime = host.poolRuntime("nomad-fail");
        assertThat(runtime.failure()).contains("rapid-fail");
        assertThat(runtime.workerPids()).isEmpty();
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(503);
    }

    @Test
    void targetWebsite_addsAndRemovesOnlyItsApplications() throws Exception {
        Path root = folder(temp, "root", Map.of("index.html", "owner"));
        Path extra = folder(temp, "extra", Map.of("index.html", "guest"));
        int port = freePort();
        deploy(site(
                "shared-site",
                List.of(pool("nomad-owner")),
                List.of(http(port)),
                List.of(app("/", root, "nomad-owner"))));
        WebsiteDeployment guest = new WebsiteDeployment(
                List.of(pool("nomad-guest")),
                new SiteSpec("shared-site", List.of(), List.of(app("/extra", extra, "nomad-guest")), "nomad-guest"),
                false,
                List.of());
        host.deploy(guest);
        if (servesHttp()) {
            assertThat(get("http://127.0.0.1:" + port + "/extra/").body()).isEqualTo("guest");
        }
        assertThat(host.site("shared-site").orElseThrow().applications())
                .extracting(ApplicationSpec::path)
                .containsExactly("/", "/extra");

        host.remove(removal(guest, List.of()));

        assertThat(host.poolNames()).containsExactly("nomad-owner");
        assertThat(host.site("shared-site").orElseThrow().bindings()).hasSize(1);
        assertThat(host.site("shared-site").orElseThrow().applications())
                .extracting(ApplicationSpec::path)
                .containsExactly("/");
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://127.0.0.1:" + port + "/extra/").statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("owner");
    }

    @Test
    void staticSite_rangeHeadAndHiddenSegments_behaveLikeIis() throws Exception {
        assumeTrue(servesHttp(), "serving HTTP is checked where the host serves it");
        Path www = folder(
                temp,
                "www",
                Map.of("data.txt", "0123456789", "web.config", "<configuration/>", "App_Data/secret.txt", "secret"));
        int port = freePort();
        deploy(site(
                "nomad-range",
                List.of(pool("nomad-range")),
                List.of(http(port)),
                List.of(app("/", www, "nomad-range"))));
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> range = HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/data.txt"))
                        .header("Range", "bytes=2-5")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("2345");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        HttpResponse<Void> head = HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/data.txt"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(get(base + "/web.config").statusCode()).isEqualTo(404);
        assertThat(get(base + "/App_Data/secret.txt").statusCode()).isEqualTo(404);
        assertThat(get(base + "/").statusCode()).isEqualTo(403);
    }

    @Test
    void malformedWebConfig_isA50019ErrorPage_neverTheFolderFiles() throws Exception {
        assumeTrue(servesHttp(), "serving HTTP is checked where the host serves it");
        String broken = "<configuration><system.webServer><aspNetCore processPath=\"x\"";
        Path good = folder(temp, "good", Map.of("index.html", "fine"));
        Path media = folder(
                temp, "media", Map.of("web.config", broken, "logo.txt", "logo", "appsettings.json", "{\"k\":1}"));
        Path app = folder(
                temp, "broken", Map.of("web.config", broken, "index.html", "hidden", "appsettings.json", "{\"k\":2}"));
        int port = freePort();
        deploy(site(
                "nomad-badcfg",
                List.of(pool("nomad-badcfg")),
                List.of(http(port)),
                List.of(
                        app("/", good, "nomad-badcfg", new VirtualDirectorySpec("/media", media, List.of())),
                        app("/broken", app, "nomad-badcfg"))));
        String base = "http://127.0.0.1:" + port;

        assertThat(get(base + "/").body()).isEqualTo("fine");
        for (String url : List.of(
                "/broken/",
                "/broken/index.html",
                "/broken/appsettings.json",
                "/media/logo.txt",
                "/media/appsettings.json")) {
            HttpResponse<String> response = get(base + url);
            assertThat(response.statusCode()).as(url).isEqualTo(500);
            assertThat(response.body())
                    .as(url)
                    .contains("500.19")
                    .doesNotContain("hidden")
                    .doesNotContain("\"k\"");
        }
    }

    @Test
    void twoSitesOnOnePort_routeByHostHeader() throws Exception {
        Path one = folder(temp, "one", Map.of("index.html", "site one"));
        Path two = folder(temp, "two", Map.of("index.html", "site two"));
        int port = freePort();
        deploy(site(
                "nomad-host1",
                List.of(pool("nomad-host1")),
                List.of(new BindingSpec("http", "*", port, "localhost", false, null)),
                List.of(app("/", one, "nomad-host1"))));
        deploy(site(
                "nomad-host2",
                List.of(pool("nomad-host2")),
                List.of(http(port)),
                List.of(app("/", two, "nomad-host2"))));

        assertThat(host.siteNames()).contains("nomad-host1", "nomad-host2");
        if (!servesHttp()) {
            return; // serving HTTP is checked where the host serves it
        }
        assertThat(get("http://localhost:" + port + "/").body()).isEqualTo("site one");
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("site two");
    }

    @Test
    void periodicRestart_recyclesTheWorker() throws Exception {
        assumeTrue(recyclesWithinSeconds(), "IIS recycles on whole minutes only");
        Path www = folder(temp, "www", Map.of("index.html", "periodic"));
        int port = freePort();
        AppPoolSpec spec = new AppPoolSpec(
                "nomad-periodic",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none()
                        .with(PoolAttribute.PERIODIC_RESTART_TIME, java.time.Duration.ofSeconds(2))
                        .with(PoolAttribute.SHUTDOWN_TIME_LIMIT, java.time.Duration.ofSeconds(10)),
                Map.of(),
                List.of(),
                null,
                null);
        deploy(site("nomad-periodic", List.of(spec), List.of(http(port)), List.of(app("/", www, "nomad-periodic"))));
        long first = host.poolRuntime("nomad-periodic").workerPids().get(0);

        await("a periodic recycle", 60, () -> {
            List<Long> pids = host.poolRuntime("nomad-periodic").workerPids();
            return !pids.isEmpty() && !pids.contains(first);
        });
        assertThat(get("http://127.0.0.1:" + port + "/").body()).isEqualTo("periodic");
    }

    private void requestQuietly(String site, int port) {
        try {
            request(site, port);
        } catch (Exception e) {
            // the worker is not back yet
        }
    }

    private static String webConfig() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><system.webServer>"
                + "<aspNetCore processPath=\"" + java + "\" arguments=\"-Xmx32m -XX:+UseSerialGC -cp &quot;"
                + System.getProperty("java.class.path") + "&quot; " + AncmTestApp.class.getName() + "\">"
                + "<environmentVariables><environmentVariable name=\"FROM_WEBCONFIG\""
                + " value=\"yes\"/></environmentVariables>"
                + "</aspNetCore></system.webServer></configuration>\n";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
