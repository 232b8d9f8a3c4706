package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.TaskStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers for the task lifecycle through the packaged plugin on the portable host (not run by
 * {@code mvn verify}; run with {@code mvn -pl dist -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=TaskLifecycleBenchmark}): StartTask to first HTTP 200 (median of 20), idle RSS per worker, and
 * 50 tasks started, served and stopped concurrently (time, failures, leftovers). Prints the numbers.
 */
class TaskLifecycleBenchmark {
    private static final int SEQUENTIAL = 20;
    private static final int CONCURRENT = 50;

    @TempDir
    Path root;

    private final WebClient web = new WebClient();

    @AfterEach
    void removeLeftovers() {
        PortableCleanup.removeAll(root.resolve("state"));
    }

    @Test
    void lifecycle_numbers() throws Exception {
        Path state = root.resolve("state");
        try (PluginProcess plugin = PluginProcess.launch(List.of("--state-dir=" + state), Map.of())) {
            TaskClient client = new TaskClient(plugin).configure();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL; i++) {
                try (TaskFixture t = site("seq" + i)) {
                    TaskConfig config = config(t);
                    long start = System.nanoTime();
                    plugin.driver()
                            .startTask(StartTaskRequest.newBuilder()
                                    .setTask(config)
                                    .build());
                    WebClient.await("200", () -> web.get(url(t)).status() == 200);
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                    client.stop(config.getId());
                    client.destroy(config.getId());
                }
            }
            Collections.sort(latencies);
            report("StartTask -> first HTTP 200, median of " + SEQUENTIAL + ": " + latencies.get(SEQUENTIAL / 2)
                    + " ms (min " + latencies.get(0) + ", max " + latencies.get(SEQUENTIAL - 1) + ")");

            try (TaskFixture t = site("idle")) {
                TaskConfig config = config(t);
                plugin.driver()
                        .startTask(StartTaskRequest.newBuilder().setTask(config).build());
                WebClient.await("200", () -> web.get(url(t)).status() == 200);
                Thread.sleep(5000);
                TaskStats sample = client.stats(config.getId(), 1000).poll(60, TimeUnit.SECONDS);
                assertThat(sample).isNotNull();
                int workers = sample.getResourceUsageByPidCount();
                long rss = sample.getAggResourceUsage().getMemory().getRss();
                report("idle RSS per worker: " + (rss / Math.max(1, workers) / (1024 * 1024)) + " MiB (" + workers
                        + " worker process(es), " + rss / (1024 * 1024) + " MiB total)");
                client.stop(config.getId());
                client.destroy(config.getId());
            }

            List<TaskFixture> fixtures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                fixtures.add(site("c" + i));
            }
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (TaskFixture t : fixtures) {
                done.add(pool.submit(() -> {
                    try {
                        TaskConfig config = config(t);
                        plugin.driver()
                                .startTask(StartTaskRequest.newBuilder()
                                        .setTask(config)
                                        .build());
                        WebClient.await("200", () -> web.get(url(t)).status() == 200);
                        client.stop(config.getId());
                        client.destroy(config.getId());
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                        System.err.println("concurrent task failed: " + e);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            pool.shutdown();
            fixtures.forEach(TaskFixture::close);
            PortableIisHost host = new PortableIisHost(state);
            int leftovers = host.siteNames().size() + host.poolNames().size();
            report(CONCURRENT + " tasks started, served and stopped concurrently: " + millis + " ms, failures "
                    + failures.get() + ", leftover sites+pools " + leftovers);
            assertThat(failures.get()).isZero();
            assertThat(leftovers).isZero();
        }
    }

    private TaskFixture site(String task) throws Exception {
        TaskFixture t = new TaskFixture(root.resolve("allocs"), task, "http");
        t.write("local/index.html", "<h1>" + task + "</h1>");
        return t;
    }

    private static TaskConfig config(TaskFixture t) {
        return t.config(
                Map.of(
                        "application",
                        List.of(Map.of("path", "local")),
                        "binding",
                        List.of(Map.of("type", "http", "port", "http"))),
                Map.of());
    }

    private static String url(TaskFixture t) {
        return "http://127.0.0.1:" + t.ports.get("http") + "/";
    }

    private static void report(String line) {
        System.out.println("BENCHMARK " + line);
    }
}
