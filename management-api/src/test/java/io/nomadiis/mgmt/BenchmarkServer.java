package io.nomadiis.mgmt;

import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.windows.WindowsIisHostOnDouble;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The management API alone in a child JVM for {@link ManagementApiBenchmark}: serves one task
 * whose directory is {@code args[0]} (its site deployed on the Windows host over the in-memory IIS),
 * prints {@code port=<n>} and then, for every line read on stdin, {@code peak=<bytes>} (the highest
 * heap use sampled since the previous line).
 */
public final class BenchmarkServer {
    private BenchmarkServer() {}

    public static void main(String[] args) throws Exception {
        Path taskDir = Path.of(args[0]);
        TestTasks tasks = new TestTasks();
        // the real Windows host over the in-memory IIS: the task's pool runs a real (idle) worker
        WindowsIisHostOnDouble iis = new WindowsIisHostOnDouble();
        iis.deploySite("nomad-bench", "nomad-bench", taskDir);
        tasks.add(new TaskView(
                new TaskIdentity("bench/web/1", "bench", "web", "default", "bench", "bench", "g"),
                taskDir.getParent(),
                taskDir,
                Map.of("default", "nomad-bench"),
                "default",
                "nomad-bench",
                true,
                List.of(),
                Instant.now(),
                false));
        ManagementServer server = new ManagementServer(
                ManagementOptions.of(0, "bench-key", null, false).withAddress("127.0.0.1"), tasks, iis.host(), null);
        server.start();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        System.out.println("port=" + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("gc")) {
                System.gc();
                peak.set(memory.getHeapMemoryUsage().getUsed());
            }
            System.out.println(
                    "peak=" + peak.getAndSet(memory.getHeapMemoryUsage().getUsed()));
            System.out.flush();
        }
        server.close();
        iis.close();
    }
}
