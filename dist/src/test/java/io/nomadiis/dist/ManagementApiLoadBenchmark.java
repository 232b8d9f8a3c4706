package io.nomadiis.dist;

import com.google.protobuf.ByteString;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers for issue 10's load test, through the packaged plugin (not run by {@code mvn verify}; run
 * with {@code mvn -B -pl dist -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ManagementApiLoadBenchmark}). One task runs on the portable host. First, idle: gRPC
 * {@code InspectTask} latency with no API traffic. Then, under load: a flood of unauthenticated
 * connections that each hold a partial request line ({@code bench.flood} open at a time, replaced
 * as the plugin closes them), a burst of {@code bench.burst} concurrent {@code status} calls every
 * 5 s, and a
 * client uploading files one after another, while the same {@code InspectTask} latency is
 * measured. Prints p50/p99 of both, the status answers by code, the uploads done and hung, and
 * the plugin's peak RSS ({@code VmHWM}) and peak open file descriptors.
 */
class ManagementApiLoadBenchmark {
    private static final String KEY = "bench-key-0123456789";
    private static final String ALLOC = "5e5e5e5e-0000-4000-8000-00000000beef";
    private static final int SAMPLES = Integer.getInteger("bench.samples", 400);
    private static final int FLOOD = Integer.getInteger("bench.flood", 2000);
    private static final int BURST = Integer.getInteger("bench.burst", 1000);
    private static final int FLOOD_RATE = Integer.getInteger("bench.floodRate", 250);
    private static final int UPLOAD_BYTES = 1 << 20;
    /**
     * The load's threads (flood, bursts, uploads, and the HTTP clients' threads they start, which inherit their
     * priority) run at background priority, standing in for clients on other machines: on a Nomad node the
     * attacker's CPU is not the node's, while here it shares two cores with the plugin and with the thread
     * that measures InspectTask. {@code -Dbench.generatorBackground=false} runs them at normal priority.
     */
    private static final java.util.concurrent.ThreadFactory GENERATOR =
            Boolean.parseBoolean(System.getProperty("bench.generatorBackground", "true"))
                    ? io.nomadiis.threads.NamedThreadFactory.background("bench-load")
                    : new io.nomadiis.threads.NamedThreadFactory("bench-load");

    @TempDir
    Path temp;

    @Test
    void inspectTaskLatency_idleAndUnderApiFlood() throws Exception {
        int apiPort = freePort();
        int sitePort = freePort();
        Path allocDir = temp.resolve("alloc");
        Path www = Files.createDirectories(allocDir.resolve("web/local/www"));
        Files.writeString(www.resolve("index.html"), "bench");
        Path logs = Files.createDirectories(allocDir.resolve("alloc/logs"));
        String taskId = ALLOC + "/web/bench";
        try (PluginProcess plugin = PluginProcess.launch(
                List.of(
                        "--management-api-port=" + apiPort,
                        "--management-api-key=" + KEY,
                        "--management-api-address=127.0.0.1",
                        "--state-dir=" + temp.resolve("state")),
                Map.of())) {
            byte[] config = CtyMsgpackWriter.encode(
                    TaskConfigSpec.spec(),
                    Map.of(
                            "application", List.of(Map.of("path", "local/www")),
                            "binding", List.of(Map.of("type", "http", "port", "http"))));
            plugin.driver()
                    .withDeadlineAfter(2, TimeUnit.MINUTES)
                    .startTask(StartTaskRequest.newBuilder()
                            .setTask(TaskConfig.newBuilder()
                                    .setId(taskId)
                                    .setName("web")
                                    .setAllocId(ALLOC)
                                    .setNamespace("default")
                                    .setJobId("shop")
                                    .setJobName("shop")
                                    .setTaskGroupName("frontend")
                                    .setAllocDir(allocDir.toString())
                                    .setMsgpackDriverConfig(ByteString.copyFrom(config))
                                    .setStdoutPath(logs.resolve("web.stdout").toString())
                                    .setStderrPath(logs.resolve("web.stderr").toString())
                                    .setResources(Resources.newBuilder()
                                            .addPorts(PortMapping.newBuilder()
                                                    .setLabel("http")
                                                    .setValue(sitePort))))
                            .build());
            ProcessSampler sampler = new ProcessSampler(plugin.pid());
            sampler.start();
            try {
                String api = "http://127.0.0.1:" + apiPort + "/api/v1/allocs/" + ALLOC + "/web/";
                inspectLatency(plugin, taskId, 100); // warm-up
                double cpu0 = sampler.cpuSeconds();
                long wall0 = System.nanoTime();
                List<Long> idle = inspectLatency(plugin, taskId, SAMPLES);
                report("load generator threads: "
                        + System.getProperty("bench.generatorBackground", "true")
                                .replace("true", "background priority")
                                .replace("false", "normal priority"));
                report("idle: plugin CPU " + cpuShare(sampler.cpuSeconds() - cpu0, wall0));
                report("idle InspectTask latency: " + percentiles(idle) + " (" + SAMPLES + " calls)");
                report("idle plugin: peak RSS " + sampler.peakRssKib() / 1024 + " MiB, open fds " + sampler.peakFds());

                AtomicBoolean running = new AtomicBoolean(true);
                Flooder flooder = new Flooder(apiPort, FLOOD, running);
                Thread flood = GENERATOR.newThread(flooder);
                flood.start();
                Uploader uploader = new Uploader(api, running);
                Thread uploads = GENERATOR.newThread(uploader);
                uploads.start();
                long ramp = System.nanoTime();
                while (flooder.opened.get() < FLOOD && System.nanoTime() - ramp < TimeUnit.SECONDS.toNanos(20)) {
                    Thread.sleep(100);
                }
                Map<String, AtomicInteger> statusCodes = new ConcurrentHashMap<>();
                Thread bursts = GENERATOR.newThread(() -> {
                    HttpClient http = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(20))
                            .build();
                    while (running.get()) {
                        burst(http, api, statusCodes);
                        sleepQuietly(5000);
                    }
                });
                bursts.start();
                double cpu1 = sampler.cpuSeconds();
                double own1 = ownCpuSeconds();
                long wall1 = System.nanoTime();
                List<Long> loaded = inspectLatency(plugin, taskId, SAMPLES);
                report("under load: plugin CPU " + cpuShare(sampler.cpuSeconds() - cpu1, wall1)
                        + ", load generator (this JVM) CPU " + cpuShare(ownCpuSeconds() - own1, wall1) + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                running.set(false);
                bursts.join(120_000);
                uploads.join(120_000);
                flood.join(60_000);
                report("under load InspectTask latency: " + percentiles(loaded) + " (" + SAMPLES + " calls)");
                report("p99 under load / p99 idle: "
                        + String.format(
                                java.util.Locale.ROOT, "%.2f", (double) pct(loaded, 99) / Math.max(1, pct(idle, 99))));
                report("flood: " + flooder.opened.get() + " partial-request connections opened, "
                        + flooder.refused.get() + " refused at connect, " + flooder.closedByPlugin.get()
                        + " closed by the plugin");
                report("status bursts of " + BURST + ": answers by code " + statusCodes);
                report("uploads of " + UPLOAD_BYTES / 1024 + " KiB: " + uploader.done.get() + " done, "
                        + uploader.refused.get() + " answered 503 (retried), " + uploader.hung.get()
                        + " hung (no answer in 60 s), " + uploader.reset.get()
                        + " connection refused or reset (retried), "
                        + uploader.failed.get() + " failed otherwise");
                report("plugin under load: peak RSS " + sampler.peakRssKib() / 1024 + " MiB, peak open fds "
                        + sampler.peakFds());
                long t0 = System.nanoTime();
                int code = 0;
                HttpClient fresh = HttpClient.newHttpClient();
                while (code != 200 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
                    code = fresh.send(
                                    HttpRequest.newBuilder(URI.create(api + "status"))
                                            .header("X-Api-Key", KEY)
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (code != 200) {
                        Thread.sleep(1000);
                    }
                }
                report("status after the load: " + code + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } finally {
                sampler.stop();
                plugin.driver()
                        .withDeadlineAfter(2, TimeUnit.MINUTES)
                        .destroyTask(DestroyTaskRequest.newBuilder()
                                .setTaskId(taskId)
                                .setForce(true)
                                .build());
            }
        } finally {
            PortableCleanup.removeAll(temp.resolve("state"));
        }
    }

    private static List<Long> inspectLatency(PluginProcess plugin, String taskId, int n) throws InterruptedException {
        List<Long> micros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            plugin.driver()
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .inspectTask(
                            InspectTaskRequest.newBuilder().setTaskId(taskId).build());
            micros.add((System.nanoTime() - t0) / 1000);
            Thread.sleep(10);
        }
        return micros;
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String percentiles(List<Long> micros) {
        return String.format(
                java.util.Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                pct(micros, 50) / 1000.0,
                pct(micros, 99) / 1000.0,
                Collections.max(micros) / 1000.0);
    }

    private static void burst(HttpClient http, String api, Map<String, AtomicInteger> codes) {
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(api + "status"))
                            .header("X-Api-Key", KEY)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            String key;
            try {
                key = Integer.toString(call.get(90, TimeUnit.SECONDS).statusCode());
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                key = cause.getClass().getSimpleName();
            }
            codes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * Holds {@code size} connections from eight source addresses (127.0.0.2-9; the real clients use
     * 127.0.0.1), each with a partial request line and nothing more; every connection the plugin
     * closes (first-request deadline, caps) is replaced, at most {@code bench.floodRate} new
     * connections a second (the load generator shares the machine, and the gRPC client this JVM,
     * with the plugin: an unbounded reconnect loop would measure the generator, not the plugin).
     */
    private static final class Flooder implements Runnable {
        final int port;
        final int size;
        final AtomicBoolean running;
        final AtomicLong opened = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong closedByPlugin = new AtomicLong();

        Flooder(int port, int size, AtomicBoolean running) {
            this.port = port;
            this.size = size;
            this.running = running;
        }

        @Override
        public void run() {
            ByteBuffer partial =
                    ByteBuffer.wrap("GET /api/v1/allocs/00000000-0000-0000-0000-000000000000/web/status?padding="
                            .getBytes(StandardCharsets.US_ASCII));
            ByteBuffer sink = ByteBuffer.allocate(4096);
            long second = System.nanoTime();
            int thisSecond = 0;
            try (Selector selector = Selector.open()) {
                while (running.get()) {
                    if (System.nanoTime() - second > 1_000_000_000L) {
                        second = System.nanoTime();
                        thisSecond = 0;
                    }
                    while (selector.keys().size() < size && running.get() && thisSecond++ < FLOOD_RATE) {
                        try {
                            SocketChannel ch = SocketChannel.open();
                            ch.bind(new InetSocketAddress(
                                    InetAddress.getByName("127.0.0." + (2 + opened.get() % 8)), 0));
                            ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                            ch.write(partial.duplicate());
                            ch.configureBlocking(false);
                            ch.register(selector, SelectionKey.OP_READ);
                            opened.incrementAndGet();
                        } catch (IOException e) {
                            refused.incrementAndGet();
                            Thread.sleep(5);
                            break;
                        }
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel ch = (SocketChannel) key.channel();
                        sink.clear();
                        int n;
                        try {
                            n = ch.read(sink);
                        } catch (IOException e) {
                            n = -1;
                        }
                        if (n < 0) {
                            key.cancel();
                            ch.close();
                            closedByPlugin.incrementAndGet();
                        }
                    }
                    selector.selectedKeys().clear();
                    selector.selectNow();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Uploads files one after another; a 503 is retried after its Retry-After, no answer in 60 s counts as hung. */
    private static final class Uploader implements Runnable {
        final String api;
        final AtomicBoolean running;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger hung = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger reset = new AtomicInteger();

        Uploader(String api, AtomicBoolean running) {
            this.api = api;
            this.running = running;
        }

        @Override
        public void run() {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .build();
            byte[] body = new byte[UPLOAD_BYTES];
            int n = 0;
            while (running.get()) {
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(api + "fs/local%2Fwww%2Fupload-" + (n++ % 4) + ".bin"))
                                    .header("X-Api-Key", KEY)
                                    .header("Content-Type", "application/octet-stream")
                                    .timeout(Duration.ofSeconds(60))
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        done.incrementAndGet();
                    } else if (r.statusCode() == 503) {
                        refused.incrementAndGet();
                        Thread.sleep(1000);
                    } else {
                        failed.incrementAndGet();
                        System.err.println("upload answered " + r.statusCode() + ": " + r.body());
                    }
                } catch (java.net.http.HttpTimeoutException e) {
                    hung.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException e) {
                    reset.incrementAndGet();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Samples the plugin's peak RSS (VmHWM) and open file descriptors every 100 ms. */
    private static final class ProcessSampler {
        private final long pid;
        private final AtomicLong peakFds = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        ProcessSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            String[] fds =
                                    Path.of("/proc/" + pid + "/fd").toFile().list();
                            if (fds != null) {
                                peakFds.accumulateAndGet(fds.length, Math::max);
                            }
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakFds() {
            return peakFds.get();
        }

        /** CPU seconds (user + system) the plugin used so far. */
        double cpuSeconds() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException e) {
                return -1;
            }
        }

        long peakRssKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }

        void stop() {
            running.set(false);
        }
    }

    private static String cpuShare(double cpuSeconds, long wallStartNanos) {
        double wall = (System.nanoTime() - wallStartNanos) / 1e9;
        return String.format(java.util.Locale.ROOT, "%.0f%% of one core", 100 * cpuSeconds / wall);
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .orElse(Duration.ZERO)
                        .toMillis()
                / 1000.0;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void report(String line) {
        System.out.println("BENCHMARK " + line);
    }
}
