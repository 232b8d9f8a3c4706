package io.nomadiis.driver.task.logs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LogFileForwarder} for one task on a shared scheduler, about once a second, into the task's
 * stdout sink, which is opened on the first forwarded bytes.
 */
public final class LogForwarding implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogForwarding.class.getName());
    private static final long PERIOD_MS = 1000;

    private final LogFileForwarder forwarder;
    private final Path sinkPath;
    private final String taskId;

    @GuardedBy("this")
    private LogSink sink;

    @GuardedBy("this")
    private ScheduledFuture<?> future;

    private boolean failedOnce;

    /**
     * @param taskId for log messages
     * @param taskDir the task directory
     * @param globs the task's {@code log_files}
     * @param offsetsFile where offsets persist
     * @param sinkPath the task's stdout sink, or null to drop the lines (offsets still advance)
     */
    public LogForwarding(String taskId, Path taskDir, List<String> globs, Path offsetsFile, Path sinkPath)
            throws IOException {
        this.taskId = taskId;
        this.forwarder = new LogFileForwarder(taskDir, globs, offsetsFile);
        this.sinkPath = sinkPath;
    }

    /** Starts polling. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (future == null) {
            future = scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Forwards what is new now. */
    public synchronized void poll() throws IOException {
        if (sink == null) {
            sink = LogSink.open(sinkPath == null ? Path.of(nullDevice()) : sinkPath);
        }
        forwarder.poll(sink);
    }

    private void pollQuietly() {
        try {
            poll();
            failedOnce = false;
        } catch (IOException | RuntimeException e) {
            if (!failedOnce) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "log forwarding failed",
                        LogField.taskId(taskId),
                        LogField.error(e.getMessage()));
                failedOnce = true;
            }
        }
    }

    /** Stops polling and, when {@code forget} is set, deletes the offsets (the task is destroyed). */
    public synchronized void stop(boolean forget) {
        if (future != null) {
            future.cancel(false);
            future = null;
        }
        try {
            if (sink != null) {
                sink.close();
                sink = null;
            }
            if (forget) {
                forwarder.deleteOffsets();
            }
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "closing log forwarding failed",
                    LogField.taskId(taskId),
                    LogField.error(e.getMessage()));
        }
    }

    @Override
    public void close() {
        stop(false);
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }
}
