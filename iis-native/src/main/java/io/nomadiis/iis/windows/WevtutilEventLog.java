package io.nomadiis.iis.windows;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The System event log's WAS events on this Windows machine, read with
 * {@code wevtutil qe System /q:<XPath> /rd:true /c:20 /f:xml} (Microsoft, "wevtutil": {@code qe} queries a log,
 * {@code /q} takes an XPath over the event schema, {@code /rd:true} returns the newest first, {@code /c} caps the
 * count, {@code /f:xml} renders events as XML, parsed by {@link WasEventXml}). The query selects provider
 * {@value WasEventXml#PROVIDER} and the IDs of {@link WasEvent#POOL_STOPPED}.
 *
 * <p>Bounded: output goes to a temporary file (a full pipe cannot stall the process) and a query that has not
 * finished within the timeout is killed. Any failure (no wevtutil, no access to the log, a timeout) gives no
 * events; nothing is thrown. Runs on the caller's thread, which waits for the process: the driver's watcher,
 * stats or RPC threads, never an event loop. Windows only (off Windows the command does not exist: no events).
 */
final class WevtutilEventLog implements WasEventLog {
    private static final System.Logger LOG = System.getLogger(WevtutilEventLog.class.getName());
    private static final int COUNT = 20;

    private final Duration timeout;

    /** @param timeout how long one query may take before it is killed (5 s in production) */
    WevtutilEventLog(Duration timeout) {
        this.timeout = timeout;
    }

    /** The {@code wevtutil} command line. */
    static List<String> command() {
        String ids = WasEvent.POOL_STOPPED.keySet().stream()
                .sorted()
                .map(id -> "EventID=" + id)
                .collect(Collectors.joining(" or "));
        return List.of(
                "wevtutil",
                "qe",
                "System",
                "/q:*[System[Provider[@Name='" + WasEventXml.PROVIDER + "'] and (" + ids + ")]]",
                "/rd:true",
                "/c:" + COUNT,
                "/f:xml");
    }

    @Override
    public List<WasEvent> recentPoolStops() {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("nomad-iis-was-events", ".xml");
            process = new ProcessBuilder(command())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "reading WAS events from the System event log took too long; no reason is given for the"
                                + " stopped app pool",
                        LogField.of("timeout_ms", timeout.toMillis()));
                return List.of();
            }
            if (process.exitValue() != 0) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "wevtutil failed; no WAS events read",
                        LogField.of("exit_code", process.exitValue()));
                return List.of();
            }
            return WasEventXml.parse(decode(Files.readAllBytes(output)));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read WAS events with wevtutil", LogField.error(e.getMessage()));
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "cannot delete the temporary file",
                            LogField.path(output),
                            LogField.error(e.getMessage()));
                }
            }
        }
    }

    /** wevtutil writes UTF-16LE when asked for Unicode or with a BOM, else the console's code page. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && bytes[0] == '<' && bytes[1] == 0) {
            return new String(bytes, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        return new String(bytes, Charset.defaultCharset());
    }
}
