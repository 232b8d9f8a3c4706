package io.nomadiis.iis.windows;

import io.nomadiis.log.LogField;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The System event log's WAS events on this Windows machine, read with
 * {@code wevtutil qe System /q:<XPath> /rd:true /c:20 /f:xml} (Microsoft, "wevtutil": {@code qe} queries a log,
 * {@code /q} takes an XPath over the event schema, {@code /rd:true} returns the newest first, {@code /c} caps the
 * count, {@code /f:xml} renders events as XML, parsed by {@link WasEventXml}). The query selects provider
 * {@value WasEventXml#PROVIDER} and the IDs of {@link WasEvent#POOL_STOPPED}.
 *
 * <p>Bounded by {@link BoundedCommand}: a query that has not finished within the timeout is killed. Any
 * failure (no wevtutil, no access to the log, a timeout) gives no events; nothing is thrown. Runs on the
 * caller's thread, which waits for the process: the driver's watcher, stats or RPC threads, never an event
 * loop. Windows only (off Windows the command does not exist: no events).
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
        return BoundedCommand.run(command(), timeout)
                .filter(result -> {
                    if (result.exitCode() != 0) {
                        LOG.log(
                                System.Logger.Level.DEBUG,
                                "wevtutil failed; no WAS events read",
                                LogField.of("exit_code", result.exitCode()));
                    }
                    return result.exitCode() == 0;
                })
                .map(result -> WasEventXml.parse(decode(result.output())))
                .orElse(List.of());
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
