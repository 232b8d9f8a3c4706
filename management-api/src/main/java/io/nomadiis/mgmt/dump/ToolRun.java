package io.nomadiis.mgmt.dump;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool with its output captured to a file (no pipe to fill), bounded in time. */
final class ToolRun {
    private ToolRun() {}

    /**
     * Runs the command; throws a 500 with the tool's last output lines when it times out or, if
     * {@code checkExit}, exits non-zero (procdump's exit code is not an error code, so its caller
     * checks the dump file instead).
     */
    static void run(List<String> command, Path folder, Duration timeout, boolean checkExit)
            throws IOException, InterruptedException {
        Path log = folder.resolve("tool-output.log");
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new ApiException(500, command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (checkExit && process.exitValue() != 0) {
            throw new ApiException(
                    500, command.get(0) + " failed with exit code " + process.exitValue() + ": " + tail(log));
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()))
                .trim();
    }
}
