package io.nomadiis.mgmt;

import io.nomadiis.mgmt.files.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Numbers, not assertions (not run by {@code mvn verify}). Run with
 * {@code mvn -B -o -pl management-api -am test -Dtest=ManagementApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.mib=1024} sets the data size). Generates a folder of many files in a temp dir,
 * zips it with {@code zip -1 -r}, then compares: upload+extract of that zip through the API
 * against {@code unzip}; folder download through the API against {@code zip -1 -r}; the API
 * server's peak heap (a child JVM with {@code -Xmx64m}) during both; and small-request throughput
 * on {@code status} ({@code wrk} when installed, else a Java load loop). Deletes everything after.
 */
class ManagementApiBenchmark {
    static final int FILE_BYTES = 128 * 1024;
    static final String URL_BASE = "/api/v1/allocs/bench/web/";

    @Test
    void benchmark() throws Exception {
        int mib = Integer.getInteger("bench.mib", 1024);
        Path root = Files.createTempDirectory("mgmt-bench");
        PrintStream out = System.err;
        Process server = null;
        try {
            Path data = root.resolve("data");
            long t0 = System.nanoTime();
            int files = generate(data, mib);
            out.printf(Locale.ROOT, "generated %d files, %d MiB in %.1f s%n", files, mib, secs(t0));
            Path zip = root.resolve("data.zip");
            double zipSecs = run(root, "zip", "-1", "-r", "-q", zip.toString(), "data");
            out.printf(Locale.ROOT, "zip -1 -r: %.2f s, zip is %d MiB%n", zipSecs, Files.size(zip) >> 20);
            double unzipSecs = run(
                    root,
                    "unzip",
                    "-q",
                    "-o",
                    zip.toString(),
                    "-d",
                    root.resolve("unzipped").toString());
            Trees.deleteRecursively(root.resolve("unzipped"));

            Path taskDir = Files.createDirectories(root.resolve("alloc/web/local"));
            server = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            BenchmarkServer.class.getName(),
                            taskDir.getParent().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            BufferedReader serverOut =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            PrintStream serverIn = new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
            String portLine = serverOut.readLine();
            String base = "http://127.0.0.1:" + portLine.substring("port=".length()) + URL_BASE;
            HttpClient client = HttpClient.newHttpClient();
            peak(serverIn, serverOut, "gc");

            long t1 = System.nanoTime();
            HttpResponse<String> up = client.send(
                    HttpRequest.newBuilder(URI.create(base + "fs/local%2Fwww"))
                            .header("X-Api-Key", "bench-key")
                            .header("Content-Type", "application/zip")
                            .method("PATCH", HttpRequest.BodyPublishers.ofFile(zip))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double uploadSecs = secs(t1);
            long uploadPeak = peak(serverIn, serverOut, "gc");
            out.printf(
                    Locale.ROOT,
                    "upload+extract via API: %.2f s (HTTP %d) vs unzip %.2f s; server peak heap %d MiB%n",
                    uploadSecs,
                    up.statusCode(),
                    unzipSecs,
                    uploadPeak >> 20);

            long t2 = System.nanoTime();
            HttpResponse<InputStream> down = client.send(
                    HttpRequest.newBuilder(URI.create(base + "fs/local%2Fwww"))
                            .header("X-Api-Key", "bench-key")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = drain(down.body());
            double downloadSecs = secs(t2);
            long downloadPeak = peak(serverIn, serverOut, "");
            out.printf(
                    Locale.ROOT,
                    "folder download via API: %.2f s (%d MiB zip) vs zip -1 -r %.2f s; server peak heap %d MiB%n",
                    downloadSecs,
                    bytes >> 20,
                    zipSecs,
                    downloadPeak >> 20);

            statusThroughput(base + "status", out);
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor();
            }
            Trees.deleteRecursively(root);
        }
    }

    private static long peak(PrintStream in, BufferedReader out, String command) throws IOException {
        in.println(command);
        return Long.parseLong(out.readLine().substring("peak=".length()));
    }

    private static int generate(Path data, int mib) throws IOException {
        String[] words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
                        + "labore et dolore magna aliqua nomad iis site pool worker binding deploy")
                .split(" ");
        Random random = new Random(42);
        byte[] block = new byte[FILE_BYTES];
        int files = (int) ((long) mib * (1 << 20) / FILE_BYTES);
        for (int i = 0; i < files; i++) {
            int pos = 0;
            while (pos < block.length) {
                byte[] w = (random.nextInt(8) == 0
                                ? Integer.toHexString(random.nextInt())
                                : words[random.nextInt(words.length)])
                        .getBytes(StandardCharsets.UTF_8);
                for (int j = 0; j < w.length && pos < block.length; j++) {
                    block[pos++] = w[j];
                }
                if (pos < block.length) {
                    block[pos++] = ' ';
                }
            }
            Path file = data.resolve("d" + (i % 64)).resolve("f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, block);
        }
        return files;
    }

    private static void statusThroughput(String url, PrintStream out) throws Exception {
        boolean wrk = new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() == 0;
        if (wrk) {
            Process p = new ProcessBuilder("wrk", "-t2", "-c32", "-d10s", "-H", "X-Api-Key: bench-key", url)
                    .redirectErrorStream(true)
                    .start();
            out.println("wrk -t2 -c32 -d10s status:\n"
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            p.waitFor();
            return;
        }
        int threads = 8;
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(threads))
                .build();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                        .header("X-Api-Key", "bench-key")
                        .build();
                while (System.nanoTime() < end) {
                    try {
                        int code = client.send(req, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (code == 200 ? done : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        out.printf(
                Locale.ROOT,
                "status throughput (Java loop, %d threads, 10 s): %.0f req/s, %d failed%n",
                threads,
                done.get() / 10.0,
                failed.get());
    }

    private static long drain(InputStream in) throws IOException {
        try (in;
                OutputStream sink = OutputStream.nullOutputStream()) {
            return in.transferTo(sink);
        }
    }

    private static double run(Path dir, String... command) throws Exception {
        long t = System.nanoTime();
        Process p =
                new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return secs(t);
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
