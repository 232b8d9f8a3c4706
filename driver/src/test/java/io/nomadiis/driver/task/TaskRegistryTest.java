package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.task.state.DriverState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {

    private static RunningTask handle(String alloc, String task, String suffix) {
        TaskIdentity id = new TaskIdentity(alloc + "/" + task + "/" + suffix, alloc, task, "default", "j", "j", "g");
        TaskRequest request =
                new TaskRequest(id, Path.of("/alloc/" + alloc), Map.of(), List.of(), "", "", 0, 0, new byte[0]);
        DriverState state = DriverState.builder()
                .format(DriverState.FORMAT_JSON)
                .taskId(id.taskId())
                .allocDir("/alloc/" + alloc)
                .taskDir("/alloc/" + alloc + "/" + task)
                .websiteName("nomad-" + alloc + "-" + task)
                .ownsWebsite(true)
                .appPools(Map.of("default", "nomad-" + alloc + "-" + task))
                .defaultPoolAlias("default")
                .applicationPaths(List.of("/"))
                .autoStartProviders(List.of())
                .managedCertificates(List.of())
                .bindings(List.of())
                .startedAt(Instant.EPOCH)
                .stdoutPath("")
                .stderrPath("")
                .logFiles(List.of())
                .logOffsetsFile("")
                .build();
        return new RunningTask(request, state, false, List.of());
    }

    @Test
    void find_restartedTask_prefersTheRunningHandle() {
        TaskRegistry registry = new TaskRegistry();
        RunningTask old = handle("a1", "web", "old");
        old.end(TaskExit.failed("crashed"));
        RunningTask current = handle("a1", "web", "new");
        registry.putIfAbsent(old);
        registry.putIfAbsent(current);
        assertThat(registry.find("a1", "web").orElseThrow().identity().taskId()).isEqualTo("a1/web/new");
        assertThat(registry.find("a1", "api")).isEmpty();
    }

    @Test
    void onAdded_calledForEachNewTaskOnly_untilClosed() throws Exception {
        TaskRegistry registry = new TaskRegistry();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoCloseable subscription = registry.onAdded(v -> seen.add(v.identity().taskId()));
        registry.putIfAbsent(handle("a1", "web", "x"));
        registry.putIfAbsent(handle("a1", "web", "x"));
        registry.putIfAbsent(handle("a2", "web", "y"));
        subscription.close();
        registry.putIfAbsent(handle("a3", "web", "z"));
        assertThat(seen).containsExactly("a1/web/x", "a2/web/y");
    }

    @Test
    void putIfAbsent_sameId_keepsFirst_andRequireUnknownIsNotFound() {
        TaskRegistry registry = new TaskRegistry();
        RunningTask first = handle("a1", "web", "x");
        assertThat(registry.putIfAbsent(first)).isSameAs(first);
        assertThat(registry.putIfAbsent(handle("a1", "web", "x"))).isSameAs(first);
        registry.putIfAbsent(handle("a0", "zeta", "y"));
        assertThat(registry.all()).extracting(v -> v.identity().allocId()).containsExactly("a0", "a1");
        registry.remove("a1/web/x");
        assertThatThrownBy(() -> registry.require("a1/web/x"))
                .isInstanceOf(DriverException.class)
                .hasMessage(DriverException.TASK_NOT_FOUND);
    }

    @Test
    void handle_endedOnce_waitersSeeFirstResultAndStatusExited() throws Exception {
        RunningTask h = handle("a1", "web", "x");
        assertThat(h.fail("pool vanished")).isTrue();
        assertThat(h.end(TaskExit.STOPPED)).isFalse();
        assertThat(h.exit().get().err()).isEqualTo("pool vanished");
        TaskInspection status = h.status();
        assertThat(status.state()).isEqualTo(TaskRunState.EXITED);
        assertThat(status.completedAt()).isNotNull();
        assertThat(status.driverAttributes()).containsEntry("WebsiteName", "nomad-a1-web");
    }
}
