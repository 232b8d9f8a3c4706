package io.nomadiis.driver.log;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (used by gRPC and Netty) into the hclog sink, replacing JUL's console
 * handler whose two-line text format Nomad cannot parse. JUL records below warn are dropped unless
 * the plugin runs at debug or trace, because gRPC is chatty at info.
 *
 * <p>Threads: installed once by the plugin's main thread; {@link #publish} runs on whatever thread logs through
 * JUL (gRPC and Netty threads) and only hands the record to the thread-safe {@link HclogSink}.
 */
public final class JulBridge extends Handler {

    private static volatile boolean installed;

    private final HclogSink sink;

    private JulBridge(HclogSink sink) {
        this.sink = sink;
    }

    /** Replaces the root JUL handlers with this bridge; idempotent. */
    public static synchronized void install(HclogSink sink) {
        if (installed) {
            return;
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new JulBridge(sink));
        installed = true;
        adjust(sink.threshold());
    }

    static void adjust(LogLevel threshold) {
        if (!installed) {
            return;
        }
        Level level = switch (threshold) {
            case TRACE -> Level.ALL;
            case DEBUG -> Level.FINE;
            default -> Level.WARNING;
        };
        Logger.getLogger("").setLevel(level);
    }

    @Override
    public void publish(LogRecord record) {
        LogLevel level = LogLevel.ofJul(record.getLevel().intValue());
        if (!sink.isEnabled(level)) {
            return;
        }
        Object[] params = record.getParameters();
        sink.write(
                level,
                record.getLoggerName(),
                record.getMessage(),
                record.getThrown(),
                params == null ? new Object[0] : params);
    }

    @Override
    public void flush() {
        // every line is flushed on write
    }

    @Override
    public void close() {
        // the sink outlives JUL
    }
}
