package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 10, safer defaults: staging folders a crash left behind go at start-up and when a task is (re)added. */
class StagingLeftoversTest {
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(Limits.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    /** A task dir with a crashed upload's staging folder (with a body and a half-extracted tree) and a link out. */
    private Path taskDirWithLeftovers(String name, Path outside) throws Exception {
        Path dir = Files.createDirectories(api.root.resolve("alloc2").resolve(name));
        Path staging = Files.createDirectories(dir.resolve(".nomad-iis-upload-crashed/tree/sub"));
        Files.writeString(staging.getParent().getParent().resolve("body"), "partial", StandardCharsets.UTF_8);
        Files.writeString(staging.resolve("f.txt"), "x", StandardCharsets.UTF_8);
        Files.createSymbolicLink(staging.resolve("out"), outside);
        Files.writeString(dir.resolve("keep.txt"), "keep", StandardCharsets.UTF_8);
        return dir;
    }

    private TaskView task(String name, Path dir) {
        return new TaskView(
                new TaskIdentity("alloc2/" + name + "/id", "alloc2", name, "default", "j", "j", "g"),
                dir.getParent(),
                dir,
                Map.of(),
                "default",
                "site-" + name,
                true,
                List.of(),
                Instant.now(),
                false);
    }

    private static void awaitGone(Path p) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void recoveredTask_leftoverStagingRemoved_restKept_linkTargetUntouched() throws Exception {
        Path outside = Files.createDirectories(api.root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret", StandardCharsets.UTF_8);
        Path dir = taskDirWithLeftovers("recovered", outside);
        api.tasks.add(task("recovered", dir));
        awaitGone(dir.resolve(".nomad-iis-upload-crashed"));
        assertThat(dir.resolve(".nomad-iis-upload-crashed")).doesNotExist();
        assertThat(dir.resolve("keep.txt")).hasContent("keep");
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
    }

    @Test
    void apiStart_leftoverStagingOfKnownTasksRemoved() throws Exception {
        Path outside = Files.createDirectories(api.root.resolve("outside2"));
        TestTasks known = new TestTasks();
        Path dir = taskDirWithLeftovers("known", outside);
        known.add(task("known", dir));
        try (ManagementServer second = new ManagementServer(
                ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withAddress("127.0.0.1"),
                known,
                api.host,
                null)) {
            second.start();
            awaitGone(dir.resolve(".nomad-iis-upload-crashed"));
            assertThat(dir.resolve(".nomad-iis-upload-crashed")).doesNotExist();
            assertThat(dir.resolve("keep.txt")).hasContent("keep");
        }
    }
}
