package io.nomadiis.iis.portable;

import io.nomadiis.iis.IisHostFixture;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints the portable host's numbers: deploy → first HTTP 200 latency (median of 20, service already
 * running, plus the first one which includes starting the service) and idle RSS per worker process
 * (Linux, from /proc), and N sites deployed, served and removed at once ({@code -Dbench.sites}, default 20).
 * Not part of {@code mvn verify}: run with {@code -Dtest=PortableHostBenchmark}.
 */
class PortableHostBenchmark {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void printNumbers() throws Exception {
        main(new String[] {System.getProperty("bench.sites", "20")});
    }

    public static void main(String[] args) throws Exception {
        Path temp = Files.createTempDirectory("portable-bench");
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "bench");
        PortableIisHost host = new PortableIisHost(temp.resolve("state"));
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            String name = "nomad-bench-" + i;
            int port = freePort();
            WebsiteDeployment deployment = deployment(name, port, www);
            long start = System.nanoTime();
            host.deploy(deployment);
            while (!ok(port)) {
                Thread.sleep(1);
            }
            latencies.add((System.nanoTime() - start) / 1_000_000);
            host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
        }
        long first = latencies.remove(0);
        Collections.sort(latencies);
        System.out.println("deploy -> first HTTP 200: first (starts the service) " + first + " ms, median of 20 "
                + latencies.get(10) + " ms, min " + latencies.get(0) + " ms, max " + latencies.get(19) + " ms");

        List<WebsiteDeployment> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WebsiteDeployment deployment = deployment("nomad-idle-" + i, freePort(), www);
            host.deploy(deployment);
            idle.add(deployment);
        }
        Thread.sleep(5000);
        long total = 0;
        long totalPss = 0;
        for (WebsiteDeployment deployment : idle) {
            long pid = host.poolRuntime(deployment.site().name()).workerPids().get(0);
            total += rssKb(pid);
            totalPss += memoryKb(pid, "/proc/" + pid + "/smaps_rollup", "Pss:");
        }
        ServiceInfo service =
                Json.MAPPER.readValue(host.layout().serviceInfoFile().toFile(), ServiceInfo.class);
        System.out.println("idle RSS per worker process: " + total / idle.size() / 1024 + " MiB, PSS "
                + totalPss / idle.size() / 1024 + " MiB (mean of " + idle.size() + "); service process RSS: "
                + rssKb(service.pid()) / 1024 + " MiB");
        for (WebsiteDeployment deployment : idle) {
            String name = deployment.site().name();
            host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
        }
        concurrent(host, www, args.length > 0 ? Integer.parseInt(args[0]) : 20);
        PortableTestSupport.awaitServiceGone(temp.resolve("state"));
        try (java.util.stream.Stream<Path> files = Files.walk(temp)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** {@code count} sites deployed, checked and removed at once, each by its own thread. */
    private static void concurrent(PortableIisHost host, Path www, int count) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = "nomad-many-" + i;
            futures.add(pool.submit(() -> {
                try {
                    int port = freePort();
                    host.deploy(deployment(name, port, www));
                    if (!ok(port)) {
                        failures.incrementAndGet();
                    }
                    host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
                } catch (Exception e) {
                    System.out.println(name + " failed: " + e);
                    failures.incrementAndGet();
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(count + " sites deployed, served and removed concurrently in " + millis + " ms; failures: "
                + failures.get() + "; sites left: " + host.siteNames().size() + ", pools left: "
                + host.poolNames().size());
    }

    private static WebsiteDeployment deployment(String name, int port, Path www) {
        return IisHostFixture.staticSite(name, www, port, PoolSettings.none());
    }

    private static boolean ok(int port) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static long rssKb(long pid) throws IOException {
        return memoryKb(pid, "/proc/" + pid + "/status", "VmRSS:");
    }

    private static long memoryKb(long pid, String file, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of(file))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
