package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per IIS timing and failure mode of issue 7, {@link WindowsIisHost} against the in-memory AHADMIN
 * ({@link AhAdminDouble}), whose Javadoc names the source of each modelled behaviour.
 */
class WindowsIisHostFailureModesTest {
    private static final String THUMB_A = "AA00000000000000000000000000000000000001";
    private static final String THUMB_B = "BB00000000000000000000000000000000000002";

    @TempDir
    Path temp;

    private final AhAdminDouble iis = new AhAdminDouble();
    private WindowsIisHost host;

    @BeforeEach
    void startHost() {
        host = host(WindowsIisHostDoubleContractTest.FAST);
    }

    @AfterEach
    void shutdown() {
        iis.shutdown();
    }

    private WindowsIisHost host(WindowsIisHost.Timings timings) {
        return host(timings, iis);
    }

    /** A host on the double, keeping its state in this test's state dir: a second one is a plugin restart. */
    private WindowsIisHost host(WindowsIisHost.Timings timings, WasEventLog events) {
        return new WindowsIisHost(
                iis,
                new ManagedCertificates(new InMemoryCertificateStore()),
                () -> new HostStatus(true, "Healthy", "10.0", false, false),
                timings,
                temp.resolve("state"),
                DirectorySecurity.local(),
                events);
    }

    @Test
    void deploy_objectsUnreadableForAWhileAfterCommit_waitsAndTrustsAutoStart() throws Exception {
        iis.loadDelay(Duration.ofMillis(700));

        host.deploy(site("nomad-late", pool("nomad-late"), http(8101)));

        assertThat(host.poolRuntime("nomad-late").state()).isEqualTo(PoolState.STARTED);
        assertThat(iis.methodCalls()).noneMatch(c -> c.startsWith("Start "));
    }

    @Test
    void deploy_notLoadedWithinTheWait_failsRetryablyAndLeavesNothing() throws Exception {
        iis.loadDelay(Duration.ofSeconds(30));
        host = host(new WindowsIisHost.Timings(
                Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(300)));

        assertThatThrownBy(() -> host.deploy(site("nomad-slow", pool("nomad-slow"), http(8102))))
                .isInstanceOfSatisfying(
                        IisException.class, e -> assertThat(e.retryable()).isTrue());

        assertThat(host.poolNames()).isEmpty();
        assertThat(host.siteNames()).isEmpty();
    }

    @Test
    void startPool_whileStopping_retriesUntilStarted() throws Exception {
        iis.stopDuration(Duration.ofMillis(400));
        host.deploy(site("nomad-flip", pool("nomad-flip"), http(8103)));
        new IisRuntime(iis).poolMethod("nomad-flip", "Stop"); // an administrator's stop, still Stopping

        host.startPool("nomad-flip");

        assertThat(host.poolRuntime("nomad-flip").state()).isEqualTo(PoolState.STARTED);
        assertThat(iis.methodCalls().stream().filter(c -> c.equals("Start nomad-flip")))
                .hasSizeGreaterThan(1);
    }

    @Test
    void deploy_configFileHeldByAnotherProcess_retriesTheCommit() throws Exception {
        iis.holdConfigFile(2);

        host.deploy(site("nomad-busyfile", pool("nomad-busyfile"), http(8104)));

        assertThat(iis.commits()).isEqualTo(1);
        assertThat(host.siteNames()).containsExactly("nomad-busyfile");
    }

    @Test
    void deploy_configChangedOnDiskByAnotherWriter_isReplannedWithAFreeSiteId() throws Exception {
        iis.otherWriterBeforeNextCommit(config -> AhAdminDouble.addSite(config, "admin-site", 1));

        host.deploy(site("nomad-replan", pool("nomad-replan"), http(8105)));

        assertThat(host.siteNames()).containsExactlyInAnyOrder("admin-site", "nomad-replan");
        assertThat(iis.call("ids", "", IisRuntime::siteIds)).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void configFileHeldLongerThanTheBudget_failsRetryablyNamingTheConfigFileNotAPort() {
        iis.holdConfigFile(1000);

        assertThatThrownBy(() -> host.deploy(site("nomad-held", pool("nomad-held"), http(8106))))
                .isInstanceOfSatisfying(IisException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("0x80070020").contains("applicationHost.config");
                    assertThat(e.getMessage()).doesNotContain("port");
                });
    }

    @Test
    void w3svcDown_runtimeIsUnreadableButConfigurationReads_andComesBackStarted() throws Exception {
        host.deploy(site("nomad-svc", pool("nomad-svc"), http(8107)));

        iis.w3svcDown(true);
        PoolRuntime down = host.poolRuntime("nomad-svc");
        assertThat(down.presence()).isEqualTo(PoolRuntime.Presence.UNREADABLE);
        assertThat(host.site("nomad-svc")).isPresent();
        assertThat(host.poolNames()).containsExactly("nomad-svc");
        assertThat(host.poolRuntime("nomad-gone").presence()).isEqualTo(PoolRuntime.Presence.ABSENT);

        iis.w3svcDown(false);
        PoolRuntime up = host.poolRuntime("nomad-svc");
        assertThat(up.presence()).isEqualTo(PoolRuntime.Presence.PRESENT);
        assertThat(up.state()).isEqualTo(PoolState.STARTED);
        assertThat(up.failure()).isNull();
    }

    @Test
    void rapidFail_poolStoppedWithoutADriverCall_carriesAFailure() throws Exception {
        host.deploy(site("nomad-rf", pool("nomad-rf"), http(8108)));

        iis.rapidFail("nomad-rf");

        PoolRuntime runtime = host.poolRuntime("nomad-rf");
        assertThat(runtime.state()).isEqualTo(PoolState.STOPPED);
        assertThat(runtime.failure()).contains("rapid-fail").contains("WAS");
        host.startPool("nomad-rf");
        assertThat(host.poolRuntime("nomad-rf").failure()).isNull();
    }

    @Test
    void pluginRestart_poolTheDriverStopped_isStillStoppedOnPurpose_whileRapidFailIsStillAFailure() throws Exception {
        host.deploy(site("nomad-held-stop", pool("nomad-held-stop"), http(8116)));
        host.deploy(site("nomad-crashy", pool("nomad-crashy"), http(8117)));
        host.stopPool("nomad-held-stop");

        WindowsIisHost restarted = host(WindowsIisHostDoubleContractTest.FAST);

        PoolRuntime stopped = restarted.poolRuntime("nomad-held-stop");
        assertThat(stopped.state()).isEqualTo(PoolState.STOPPED);
        assertThat(stopped.failure()).isNull();
        iis.rapidFail("nomad-crashy");
        assertThat(restarted.poolRuntime("nomad-crashy").failure())
                .contains("rapid-fail protection")
                .contains("WAS event 5002");
    }

    @Test
    void pluginRestart_afterTheDriverStartedThePoolAgain_anIisStopIsAFailure() throws Exception {
        host.deploy(site("nomad-again", pool("nomad-again"), http(8118)));
        host.stopPool("nomad-again");
        host.startPool("nomad-again");

        WindowsIisHost restarted = host(WindowsIisHostDoubleContractTest.FAST);
        new IisRuntime(iis).poolMethod("nomad-again", "Stop"); // an administrator's stop

        await(() -> restarted.poolRuntime("nomad-again").state() == PoolState.STOPPED);
        assertThat(restarted.poolRuntime("nomad-again").failure()).contains("administrator");
    }

    @Test
    void pluginRestart_corruptStateFile_startsEmpty() throws Exception {
        host.deploy(site("nomad-corrupt", pool("nomad-corrupt"), http(8119)));
        host.stopPool("nomad-corrupt");
        Path file = temp.resolve("state").resolve(PoolsStoppedOnPurpose.FILE_NAME);
        assertThat(file).exists();
        Files.writeString(file, "{\"pools\": [\"nomad-corr", java.nio.charset.StandardCharsets.UTF_8);

        WindowsIisHost restarted = host(WindowsIisHostDoubleContractTest.FAST);

        assertThat(restarted.poolRuntime("nomad-corrupt").failure()).isNotNull();
        restarted.stopPool("nomad-corrupt");
        assertThat(restarted.poolRuntime("nomad-corrupt").failure()).isNull();
        assertThat(host(WindowsIisHostDoubleContractTest.FAST)
                        .poolRuntime("nomad-corrupt")
                        .failure())
                .isNull();
    }

    @Test
    void rapidFail_failureSaysWhyFromWasEvent5002_withItsTime() throws Exception {
        host.deploy(site("nomad-why", pool("nomad-why"), http(8120)));

        iis.rapidFail("nomad-why");

        WasEvent logged = iis.recentPoolStops().get(0);
        assertThat(host.poolRuntime("nomad-why").failure())
                .isEqualTo("IIS disabled the pool after repeated worker process failures: rapid-fail protection"
                        + " (WAS event 5002 in the System event log at "
                        + logged.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    }

    @Test
    void iisStop_withAnIdentityEvent_saysTheIdentityIsInvalid() throws Exception {
        host.deploy(site("nomad-ident", pool("nomad-ident"), http(8121)));

        new IisRuntime(iis).poolMethod("nomad-ident", "Stop");
        iis.logWasEvent(new WasEvent(5057, java.time.Instant.now(), "NOMAD-IDENT"));

        await(() -> host.poolRuntime("nomad-ident").state() == PoolState.STOPPED);
        assertThat(host.poolRuntime("nomad-ident").failure())
                .contains("identity is invalid")
                .contains("WAS event 5057");
    }

    @Test
    void iisStop_withOnlyAnOlderEventOrOneOfAnotherPool_givesTheGenericReason() throws Exception {
        iis.logWasEvent(new WasEvent(5002, java.time.Instant.now().minus(Duration.ofMinutes(10)), "nomad-old"));
        host.deploy(site("nomad-old", pool("nomad-old"), http(8122)));
        iis.logWasEvent(new WasEvent(5002, java.time.Instant.now(), "nomad-other-pool"));

        new IisRuntime(iis).poolMethod("nomad-old", "Stop"); // an administrator's stop: WAS logs no 5002

        await(() -> host.poolRuntime("nomad-old").state() == PoolState.STOPPED);
        assertThat(host.poolRuntime("nomad-old").failure())
                .contains("rapid-fail protection, or an administrator")
                .doesNotContain("5002 in");
    }

    @Test
    void iisStop_eventLogThatFails_givesTheGenericReason() throws Exception {
        host = host(WindowsIisHostDoubleContractTest.FAST, () -> {
            throw new IllegalStateException("the event log is gone");
        });
        host.deploy(site("nomad-nolog", pool("nomad-nolog"), http(8123)));

        iis.rapidFail("nomad-nolog");

        assertThat(host.poolRuntime("nomad-nolog").failure()).contains("rapid-fail protection, or an administrator");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void https_registrationOfAnotherSiteWithAnotherCertificate_failsNamingThatSite() throws Exception {
        host.deploy(site("nomad-tls-a", pool("nomad-tls-a"), https(8443, "", THUMB_A)));

        assertThatThrownBy(() -> host.deploy(site("nomad-tls-b", pool("nomad-tls-b"), https(8443, "b.test", THUMB_B))))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("\"nomad-tls-a\"")
                .hasMessageContaining("0.0.0.0:8443");

        assertThat(iis.sslRegistrations()).containsExactly(Map.entry("0.0.0.0:8443", THUMB_A));
        assertThat(host.siteNames()).containsExactly("nomad-tls-a");
    }

    @Test
    void https_sharedRegistration_isRemovedOnlyWithItsLastSite() throws Exception {
        WebsiteDeployment a = site("nomad-sh-a", pool("nomad-sh-a"), https(9443, "a.test", THUMB_A));
        WebsiteDeployment b = site("nomad-sh-b", pool("nomad-sh-b"), https(9443, "b.test", THUMB_A));
        host.deploy(a);
        host.deploy(b);
        assertThat(iis.methodCalls())
                .filteredOn(c -> c.startsWith("AddSslCertificate"))
                .hasSize(1);

        host.remove(ConfigPlanner.undo(a));
        assertThat(iis.sslRegistrations()).containsExactly(Map.entry("0.0.0.0:9443", THUMB_A));

        host.remove(ConfigPlanner.undo(b));
        assertThat(iis.sslRegistrations()).isEmpty();
    }

    @Test
    void https_leftoverRegistrationNoSiteUses_isReplaced_andOneWithOurCertificateAdopted() throws Exception {
        iis.registerSsl("0.0.0.0:7443", THUMB_B);
        iis.registerSsl("0.0.0.0:7444", THUMB_A);

        host.deploy(site("nomad-left", pool("nomad-left"), https(7443, "", THUMB_A)));
        host.deploy(site("nomad-adopt", pool("nomad-adopt"), https(7444, "", THUMB_A)));

        assertThat(iis.sslRegistrations())
                .containsEntry("0.0.0.0:7443", THUMB_A)
                .containsEntry("0.0.0.0:7444", THUMB_A);
        assertThat(iis.methodCalls()).noneMatch(c -> c.startsWith("AddSslCertificate nomad-adopt"));
    }

    @Test
    void https_sniBindingsOfTwoSites_haveTheirOwnRegistrations() throws Exception {
        host.deploy(
                site("nomad-sni-a", pool("nomad-sni-a"), new BindingSpec("https", "*", 6443, "a.test", true, THUMB_A)));
        host.deploy(
                site("nomad-sni-b", pool("nomad-sni-b"), new BindingSpec("https", "*", 6443, "b.test", true, THUMB_B)));

        assertThat(iis.sslRegistrations()).containsEntry("a.test:6443", THUMB_A).containsEntry("b.test:6443", THUMB_B);
    }

    @Test
    void deploy_valueIisRefuses_failsPermanentlyNamingAttributeAndValue_andLeavesNothing() throws Exception {
        AppPoolSpec idle = new AppPoolSpec(
                "nomad-idle",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.IDLE_TIMEOUT, Duration.ofSeconds(30)),
                Map.of(),
                List.of(),
                null,
                null);

        assertThatThrownBy(() -> host.deploy(site("nomad-idle", idle, http(8109))))
                .isInstanceOfSatisfying(IisException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage())
                            .contains("processModel.idleTimeout")
                            .contains("00:00:30")
                            .contains("0x80070057");
                });
        assertThat(host.poolNames()).isEmpty();
        assertThat(iis.commits()).isZero();
    }

    @Test
    void deploy_queueLengthOutsideItsRange_isRefused() {
        AppPoolSpec queue = new AppPoolSpec(
                "nomad-queue",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.QUEUE_LENGTH, 5L),
                Map.of(),
                List.of(),
                null,
                null);

        assertThatThrownBy(() -> host.deploy(site("nomad-queue", queue, http(8110))))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("queueLength=5")
                .hasMessageContaining("10");
    }

    @Test
    void slowPoolStop_doesNotHoldAnotherTasksDeploy() throws Exception {
        iis.stopDuration(Duration.ofSeconds(3));
        host.deploy(site("nomad-slowstop", pool("nomad-slowstop"), http(8111)));
        CountDownLatch stopping = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                stopping.countDown();
                host.stopPool("nomad-slowstop");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        stopper.start();
        stopping.await();
        while (host.poolRuntime("nomad-slowstop").state() != PoolState.STOPPING) {
            Thread.sleep(10);
        }

        host.deploy(site("nomad-other", pool("nomad-other"), http(8112)));

        assertThat(stopper.isAlive()).as("the first pool is still stopping").isTrue();
        assertThat(host.poolRuntime("nomad-other").state()).isEqualTo(PoolState.STARTED);
        stopper.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void poolRuntimes_isOneAhadminCallWhateverTheNumberOfPools() throws Exception {
        host.deploy(site("nomad-s1", pool("nomad-s1"), http(8113)));
        host.deploy(site("nomad-s2", pool("nomad-s2"), http(8114)));
        host.deploy(site("nomad-s3", pool("nomad-s3"), http(8115)));
        int before = iis.calls();

        Map<String, PoolRuntime> snapshot = host.poolRuntimes(List.of("nomad-s1", "nomad-s2", "nomad-s3", "nomad-x"));

        assertThat(iis.calls() - before).isEqualTo(1);
        assertThat(snapshot.get("nomad-s2").state()).isEqualTo(PoolState.STARTED);
        assertThat(snapshot.get("nomad-x").presence()).isEqualTo(PoolRuntime.Presence.ABSENT);
    }

    @Test
    void remove_ofATaskWhoseObjectsAreGone_isIdempotent() throws Exception {
        host.remove(new WebsiteRemoval("nomad-none", true, List.of(), List.of("nomad-none"), List.of(), List.of()));
        assertThat(host.siteNames()).isEmpty();
    }

    private WebsiteDeployment site(String name, AppPoolSpec pool, BindingSpec binding) throws Exception {
        Path www = Files.createDirectories(temp.resolve(name));
        return new WebsiteDeployment(
                List.of(pool),
                new SiteSpec(
                        name,
                        List.of(binding),
                        List.of(new ApplicationSpec("/", www, pool.name(), null, null, null, List.of(), List.of())),
                        pool.name()),
                true,
                List.of());
    }

    private static AppPoolSpec pool(String name) {
        return new AppPoolSpec(
                name,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none(),
                Map.of(),
                List.of(),
                null,
                null);
    }

    private static BindingSpec http(int port) {
        return new BindingSpec("http", "*", port, "", false, null);
    }

    private static BindingSpec https(int port, String host, String thumbprint) {
        return new BindingSpec("https", "*", port, host, false, thumbprint);
    }
}
