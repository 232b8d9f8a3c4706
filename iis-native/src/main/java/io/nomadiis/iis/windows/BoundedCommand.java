package io.nomadiis.iis.windows;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system tool ({@code sc}, {@code wevtutil}) with a time limit that really bounds it: its output goes to a
 * temporary file (a full pipe cannot stall it, and no read waits for it), a tool still running at the limit is
 * killed, and the file is deleted. Standard error is merged into the output. Called by whichever thread needs
 * the tool's answer (fingerprint, watcher, stats); never an event-loop thread.
 */
final class BoundedCommand {
    private static final System.Logger LOG = System.getLogger(BoundedCommand.class.getName());

    /** What a finished tool printed and its exit code. */
    record Result(int exitCode, byte[] output) {}

    private BoundedCommand() {}

    /** The tool's result; empty when it cannot be started, does not finish within {@code limit}, or is interrupted. */
    static Optional<Result> run(List<String> command, Duration limit) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("nomad-iis-tool", ".out");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "a system tool took too long and was stopped",
                        LogField.of("tool", command.get(0)),
                        LogField.of("timeout_ms", limit.toMillis()));
                return Optional.empty();
            }
            return Optional.of(new Result(process.exitValue(), Files.readAllBytes(output)));
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "cannot run a system tool",
                    LogField.of("tool", command.get(0)),
                    LogField.error(e.getMessage()));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
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
}
