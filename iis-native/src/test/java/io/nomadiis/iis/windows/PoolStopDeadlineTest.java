package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Windows host's stop with a deadline, on Linux with real processes standing in for w3wp. The pool's IIS
 * side is a small model of documented behaviour (windows-iis.md §2; IIS's {@code ApplicationPool.Stop}):
 * {@code Stop} returns at once and the pool reports {@code Stopping} while its worker drains, up to the pool's
 * {@code shutdownTimeLimit}; the pool reports {@code Stopped} with no worker once the worker has exited.
 */
class PoolStopDeadlineTest {
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void workerThatDoesNotStop_isKilledAtTheDeadline_andTheCallReturns() throws Exception {
        Process worker = sleeper();
        Pools iis = new Pools(Map.of("nomad-a-web", worker), false);
        long began = System.nanoTime();
        List<Long> killed = deadline(iis, Set.of(worker.pid())).stop(List.of("nomad-a-web"), Duration.ofMillis(500));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        assertThat(iis.stopRequested).containsExactly("nomad-a-web");
        assertThat(killed).containsExactly(worker.pid());
        assertThat(worker.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tookMs).isGreaterThanOrEqualTo(500);
    }

    @Test
    void workerThatStopsInTime_isNotKilled() throws Exception {
        Process worker = sleeper();
        Pools iis = new Pools(Map.of("nomad-a-web", worker), true);
        List<Long> killed = deadline(iis, Set.of(worker.pid())).stop(List.of("nomad-a-web"), Duration.ofMinutes(5));

        assertThat(killed).isEmpty();
        assertThat(worker.isAlive()).isFalse();
        assertThat(worker.exitValue())
                .as("exited on its own (SIGTERM), not killed")
                .isEqualTo(143);
    }

    @Test
    void processThatIsNotAnIisWorker_isNeverKilled() throws Exception {
        Process notAWorker = sleeper();
        Pools iis = new Pools(Map.of("nomad-a-web", notAWorker), false);
        List<Long> killed = deadline(iis, Set.of()).stop(List.of("nomad-a-web"), Duration.ofMillis(200));

        assertThat(killed).isEmpty();
        assertThat(notAWorker.isAlive()).isTrue();
    }

    @Test
    void absentPool_isSkipped() {
        Pools iis = new Pools(Map.of(), false);
        assertThat(deadline(iis, Set.of()).stop(List.of("gone"), Duration.ofMillis(200)))
                .isEmpty();
        assertThat(iis.stopRequested).isEmpty();
    }

    @Test
    void isW3wp_onlyForW3wpExecutables() throws Exception {
        assertThat(PoolStopDeadline.isW3wp(sleeper().toHandle())).isFalse();
        assertThat(PoolStopDeadline.isW3wp(ProcessHandle.current())).isFalse();
    }

    private static PoolStopDeadline deadline(Pools iis, Set<Long> workers) {
        return new PoolStopDeadline(iis, p -> workers.contains(p.pid()), Duration.ofMillis(20));
    }

    private Process sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "600").start();
        processes.add(p);
        return p;
    }

    /** IIS's pools as the stop sees them; {@code drains} decides whether the worker exits when asked to stop. */
    private static final class Pools implements PoolStopDeadline.PoolCalls {
        private final Map<String, Process> workers;
        private final boolean drains;
        private final Set<String> stopping = ConcurrentHashMap.newKeySet();
        final List<String> stopRequested = new ArrayList<>();

        Pools(Map<String, Process> workers, boolean drains) {
            this.workers = workers;
            this.drains = drains;
        }

        @Override
        public PoolRuntime runtime(String pool) {
            Process worker = workers.get(pool);
            if (worker == null) {
                return PoolRuntime.unknown(pool);
            }
            if (!worker.isAlive()) {
                return new PoolRuntime(pool, PoolState.STOPPED, List.of(), null);
            }
            PoolState state = stopping.contains(pool) ? PoolState.STOPPING : PoolState.STARTED;
            return new PoolRuntime(pool, state, List.of(worker.pid()), null);
        }

        @Override
        public void requestStop(String pool) {
            stopRequested.add(pool);
            stopping.add(pool);
            if (drains) {
                workers.get(pool).destroy();
            }
        }
    }
}
