package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.PortableIisHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absent versus unreadable, on a real portable host behind an outage switch ({@link OutageHost}): the watcher
 * and RecoverTask share one check; an unreadable host makes tasks wait, not end; DestroyTask after a failed
 * recovery removes what the handle named; a start replaces its own leftovers; stats read one snapshot.
 */
class TaskObjectsOutageTest {
    @TempDir
    Path temp;

    private Path stateDir;
    private PortableIisHost real;
    private OutageHost outage;
    private final List<IisTaskDriver> drivers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        stateDir = temp.resolve("state");
        real = new PortableIisHost(stateDir);
        outage = new OutageHost(real);
    }

    @AfterEach
    void tearDown() throws Exception {
        outage.down.set(false);
        outage.stoppedByIis.set(null);
        for (IisTaskDriver d : drivers) {
            for (RunningTask h : d.registry().handles()) {
                d.destroyTask(h.taskId(), true);
            }
            d.close();
        }
        PortableTestSupport.shutdown(real, stateDir);
    }

    private IisTaskDriver driver(Duration recoveryWait) {
        return driver(recoveryWait, Duration.ofMillis(200));
    }

    private IisTaskDriver driver(Duration recoveryWait, Duration watchInterval) {
        IisTaskDriver d = new IisTaskDriver(
                outage,
                new CtyTaskConfigParser(),
                new DriverSettings(stateDir, Map.of("HOME", "/nonexistent"), watchInterval, recoveryWait),
                TaskFixtures.pluginConfig());
        drivers.add(d);
        return d;
    }

    @Test
    void watcher_hostUnreadable_keepsTheTaskRunningWithOneEvent_thenAbsentEndsIt() throws Exception {
        IisTaskDriver driver = driver(Duration.ofSeconds(1));
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        TaskRequest request = staticSite("outage", freePort());
        driver.startTask(request);

        outage.down.set(true);
        Thread.sleep(1500); // several watcher runs
        assertThat(driver.registry().require(request.taskId()).running()).isTrue();
        assertThat(events)
                .extracting(TaskEvent::message)
                .filteredOn(m -> m.startsWith("Unhealthy:"))
                .hasSize(1);

        outage.down.set(false);
        String name = "nomad-" + TaskFixtures.ALLOC + "-outage";
        real.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
        TaskExit exit = driver.waitTask(request.taskId()).get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isNotZero();
        assertThat(exit.err()).contains("disappeared").contains(name);
    }

    @Test
    void watcher_poolTheHostStoppedWithAReason_endsTheTaskWithThatReasonInTheExitAndTheEvent() throws Exception {
        IisTaskDriver driver = driver(Duration.ofSeconds(1));
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        driver.taskEvents(events::add);
        TaskRequest request = staticSite("disabled", freePort());
        driver.startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-disabled";
        String reason = "IIS disabled the pool after repeated worker process failures: rapid-fail protection"
                + " (WAS event 5002 in the System event log at 2026-12-03T13:04:07Z)";

        outage.stoppedByIis.set(reason);
        real.stopPool(name); // behind the driver's back

        TaskExit exit = driver.waitTask(request.taskId()).get(30, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isNotZero();
        assertThat(exit.err()).contains("\"" + name + "\"").contains(reason);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.stream().noneMatch(e -> e.message().startsWith("Error:")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events)
                .extracting(TaskEvent::message)
                .anyMatch(m -> m.startsWith("Error:") && m.contains(name) && m.contains(reason));
    }

    @Test
    void recoverTask_hostUnreadableThroughoutTheWait_failsRecoverably_andDestroyRemovesWhatTheHandleNamed()
            throws Exception {
        TaskRequest request = staticSite("later", freePort());
        StartedTask started = driver(Duration.ofSeconds(1)).startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-later";
        outage.down.set(true);
        IisTaskDriver restarted = driver(Duration.ofMillis(600));

        assertThatThrownBy(() -> restarted.recoverTask(request, started.handleVersion(), started.driverState()))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DriverException.Kind.RECOVERABLE);
                    assertThat(e.getMessage()).contains(name);
                });
        assertThat(real.siteNames()).contains(name);

        restarted.destroyTask(request.taskId(), true);
        assertThat(real.siteNames()).doesNotContain(name);
        assertThat(real.poolNames()).doesNotContain(name);
    }

    @Test
    void recoverTask_hostComesBackDuringTheWait_recovers() throws Exception {
        TaskRequest request = staticSite("back", freePort());
        StartedTask started = driver(Duration.ofSeconds(1)).startTask(request);
        outage.down.set(true);
        IisTaskDriver restarted = driver(Duration.ofSeconds(20));
        Thread comesBack = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            outage.down.set(false);
        });
        comesBack.start();

        restarted.recoverTask(request, started.handleVersion(), started.driverState());

        assertThat(restarted.registry().require(request.taskId()).running()).isTrue();
        comesBack.join();
    }

    @Test
    void recoverTask_siteGone_failsForGood_andDestroyRemovesTheRest() throws Exception {
        TaskRequest request = staticSite("half", freePort());
        StartedTask started = driver(Duration.ofSeconds(1)).startTask(request);
        String name = "nomad-" + TaskFixtures.ALLOC + "-half";
        real.remove(new WebsiteRemoval(name, true, List.of(), List.of(), List.of(), List.of()));
        IisTaskDriver restarted = driver(Duration.ofSeconds(1));

        assertThatThrownBy(() -> restarted.recoverTask(request, started.handleVersion(), started.driverState()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.kind()).isEqualTo(DriverException.Kind.FAILED));
        assertThat(real.poolNames()).contains(name);

        restarted.destroyTask(request.taskId(), true);
        assertThat(real.poolNames()).doesNotContain(name);
    }

    @Test
    void startTask_leftoversOfThisVeryTask_areReplaced() throws Exception {
        TaskRequest request = staticSite("again", freePort());
        driver(Duration.ofSeconds(1)).startTask(request); // a plugin that died without DestroyTask
        IisTaskDriver fresh = driver(Duration.ofSeconds(1));
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        fresh.taskEvents(events::add);

        fresh.startTask(request);

        String name = "nomad-" + TaskFixtures.ALLOC + "-again";
        assertThat(real.siteNames()).containsOnlyOnce(name);
        assertThat(real.poolRuntime(name).state()).isEqualTo(PoolState.STARTED);
        assertThat(events).extracting(TaskEvent::message).anyMatch(m -> m.startsWith("Replaced") && m.contains(name));
        drivers.remove(0).close();
    }

    @Test
    void stats_manyTasks_shareOneRuntimeSnapshotPerInterval() throws Exception {
        IisTaskDriver driver = driver(Duration.ofSeconds(1));
        List<TaskRequest> tasks =
                List.of(staticSite("s1", freePort()), staticSite("s2", freePort()), staticSite("s3", freePort()));
        for (TaskRequest t : tasks) {
            driver.startTask(t);
        }
        driver.close(); // stop the watcher: count only stats reads
        IisTaskDriver measured = driver(Duration.ofSeconds(1), Duration.ofHours(1)); // no watcher reads
        for (TaskRequest t : tasks) {
            measured.recoverTask(
                    t,
                    3,
                    io.nomadiis.driver.task.state.DriverStateCodec.encode(
                            driver.registry().require(t.taskId()).state()));
        }
        List<AutoCloseable> streams = new ArrayList<>();
        List<Object> samples = new CopyOnWriteArrayList<>();
        int before = outage.runtimeReads.get();
        for (TaskRequest t : tasks) {
            streams.add(measured.taskStats(t.taskId(), Duration.ofSeconds(1), samples::add, () -> {}));
        }
        Thread.sleep(2500);
        for (AutoCloseable s : streams) {
            s.close();
        }
        int reads = outage.runtimeReads.get() - before;

        assertThat(samples.size()).isGreaterThanOrEqualTo(6);
        // three ticks of three tasks: one snapshot per interval, not one read per task and pool
        assertThat(reads).isBetween(2, 4);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private TaskRequest staticSite(String task, int port) throws IOException {
        Path allocDir = temp.resolve("alloc-" + task);
        Path site = allocDir.resolve(task).resolve("local/site");
        Files.createDirectories(site);
        Files.writeString(site.resolve("index.html"), "<h1>" + task + "</h1>");
        Files.createDirectories(allocDir.resolve("alloc/logs"));
        Map<String, Object> config = Map.of(
                "application", List.of(Map.of("path", "local/site")),
                "binding", List.of(Map.of("type", "http", "port", "http")));
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
                Map.of(),
                List.of(new TaskPort("http", port, 0, "")),
                allocDir.resolve("alloc/logs/" + task + ".stdout").toString(),
                allocDir.resolve("alloc/logs/" + task + ".stderr").toString(),
                100,
                64,
                CtyMsgpackWriter.encode(TaskConfigSpec.spec(), config));
    }
}
