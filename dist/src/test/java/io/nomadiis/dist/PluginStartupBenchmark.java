package io.nomadiis.dist;

import com.google.protobuf.ByteString;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.goplugin.Empty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up numbers of the packaged plugin (not a test: it asserts nothing and is excluded from
 * {@code mvn verify}). Run it with
 * {@code mvn -B -o -pl dist -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=PluginStartupBenchmark}.
 * Reports launch → handshake line (median, max of 20 launches), first fingerprint latency,
 * controller Shutdown → exit, and the idle RSS after handshake + SetConfig + fingerprint + 2 s idle.
 */
class PluginStartupBenchmark {

    private static final int LAUNCHES = 20;

    @Test
    void startup_twentyLaunches_reportsNumbers() throws Exception {
        List<Double> handshakes = new ArrayList<>();
        List<Double> fingerprints = new ArrayList<>();
        List<Double> exits = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            long start = System.nanoTime();
            try (PluginProcess plugin = PluginProcess.launch()) {
                handshakes.add(millisSince(start));
                long asked = System.nanoTime();
                plugin.base().pluginInfo(PluginInfoRequest.getDefaultInstance());
                Iterator<FingerprintResponse> stream = plugin.driver()
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .fingerprint(FingerprintRequest.getDefaultInstance());
                stream.next();
                fingerprints.add(millisSince(asked));
                long stop = System.nanoTime();
                plugin.controller().shutdown(Empty.getDefaultInstance());
                plugin.waitForExit(PluginProcess.PATIENCE);
                exits.add(millisSince(stop));
            }
        }
        long rssKib = idleRssKib();
        StringBuilder report = new StringBuilder()
                .append(String.format(
                        Locale.ROOT,
                        "launch -> handshake line: median %.0f ms, max %.0f ms (%d launches)%n",
                        median(handshakes),
                        Collections.max(handshakes),
                        LAUNCHES))
                .append(String.format(
                        Locale.ROOT,
                        "PluginInfo + first fingerprint: median %.0f ms, max %.0f ms%n",
                        median(fingerprints),
                        Collections.max(fingerprints)))
                .append(String.format(
                        Locale.ROOT,
                        "controller Shutdown -> process exit: median %.0f ms, max %.0f ms%n",
                        median(exits),
                        Collections.max(exits)))
                .append(
                        rssKib < 0
                                ? "idle RSS: not measurable on this OS\n"
                                : String.format(Locale.ROOT, "idle RSS: %.1f MiB%n", rssKib / 1024.0));
        System.out.print(report);
        Files.writeString(Path.of("target", "startup-benchmark.txt"), report);
    }

    private static long idleRssKib() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.base()
                    .setConfig(SetConfigRequest.newBuilder()
                            .setMsgpackConfig(ByteString.EMPTY)
                            .build());
            plugin.driver()
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .fingerprint(FingerprintRequest.getDefaultInstance())
                    .next();
            Thread.sleep(2000);
            return vmRssKib(plugin.pid());
        }
    }

    private static long vmRssKib(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
