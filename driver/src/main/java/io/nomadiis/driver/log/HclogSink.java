package io.nomadiis.driver.log;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.log.LogField;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where every log entry of the plugin process ends: one hclog JSON line per entry on the process's
 * real stderr (file descriptor 2, independent of {@code System.err} replacements). Entries below the
 * threshold are dropped. The threshold starts from env {@code NOMAD_IIS_LOG_LEVEL} (default info).
 *
 * <p>Threads: called from every thread of the process (gRPC, Netty, management API workers, the driver's
 * scheduler, JUL); a line is formatted on the caller's thread and written whole under this object's monitor, so
 * lines never interleave. The threshold is volatile.
 */
public final class HclogSink {

    /** Environment variable that sets the initial level. */
    public static final String LEVEL_ENV = "NOMAD_IIS_LOG_LEVEL";

    private static final HclogSink GLOBAL =
            new HclogSink(new FileOutputStream(FileDescriptor.err), initialLevel(System.getenv(LEVEL_ENV)));

    @GuardedBy("this")
    private final OutputStream out;

    private volatile LogLevel threshold;

    /** A sink writing to {@code out}; used by tests, the process uses {@link #global()}. */
    public HclogSink(OutputStream out, LogLevel threshold) {
        this.out = requireNonNull(out, "out");
        this.threshold = requireNonNull(threshold, "threshold");
    }

    /** The process-wide sink on stderr. */
    public static HclogSink global() {
        return GLOBAL;
    }

    private static LogLevel initialLevel(String env) {
        if (env == null || env.isBlank()) {
            return LogLevel.INFO;
        }
        try {
            return LogLevel.parse(env);
        } catch (IllegalArgumentException e) {
            return LogLevel.INFO;
        }
    }

    /** The lowest level that is written. */
    public LogLevel threshold() {
        return threshold;
    }

    /** Changes the lowest level that is written (e.g. from {@code --log-level}). */
    public void setThreshold(LogLevel level) {
        this.threshold = level;
        JulBridge.adjust(level);
    }

    /** Whether an entry at {@code level} would be written. */
    public boolean isEnabled(LogLevel level) {
        return level.compareTo(threshold) >= 0;
    }

    /**
     * Writes one entry. {@link LogField} parameters become keys; a {@link Throwable} parameter, when
     * {@code error} is null, is the entry's error (so a call can pass fields and a throwable through
     * {@link System.Logger#log(System.Logger.Level, String, Object...)}); the remaining parameters fill
     * {@code {0}}-style placeholders of the message.
     */
    public void write(LogLevel level, String module, String message, Throwable error, Object... params) {
        if (!isEnabled(level)) {
            return;
        }
        List<LogField> fields = new ArrayList<>(2);
        List<Object> formatArgs = null;
        Throwable thrownError = error;
        if (params != null) {
            for (Object param : params) {
                if (param instanceof LogField field) {
                    fields.add(field);
                } else if (param instanceof Throwable thrown && thrownError == null) {
                    thrownError = thrown;
                } else {
                    if (formatArgs == null) {
                        formatArgs = new ArrayList<>(2);
                    }
                    formatArgs.add(param);
                }
            }
        }
        String text = message == null ? "" : message;
        if (formatArgs != null && text.indexOf('{') >= 0) {
            try {
                text = new MessageFormat(text, Locale.ROOT).format(formatArgs.toArray());
            } catch (IllegalArgumentException badPattern) {
                // keep the raw message
            }
        }
        Instant now = Instant.now();
        HclogLine line = new HclogLine(level, text, module, now.getEpochSecond(), now.getNano());
        for (LogField field : fields) {
            if (field.key() != null && !field.key().startsWith("@")) {
                line.field(field.key(), field.value());
            }
        }
        if (thrownError != null) {
            line.field("error", String.valueOf(thrownError));
            line.field("stack_trace", stackTrace(thrownError));
        }
        emit(line.finish());
    }

    private void emit(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException ignored) {
                // stderr is gone (agent died): nothing sensible to do
            }
        }
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString().stripTrailing();
    }
}
