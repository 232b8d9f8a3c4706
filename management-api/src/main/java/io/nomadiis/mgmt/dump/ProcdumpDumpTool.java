package io.nomadiis.mgmt.dump;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.config.ProcdumpConfig;
import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Full dumps with Sysinternals {@code procdump.exe} on Windows, as configured by the plugin's
 * {@code procdump { binary_path, accept_eula }} block. Without {@code accept_eula = true} it
 * refuses, as procdump would otherwise wait for the EULA dialog.
 */
public final class ProcdumpDumpTool implements DumpTool {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ProcdumpConfig config;

    public ProcdumpDumpTool(ProcdumpConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "procdump";
    }

    @Override
    public Path dump(long pid, Path folder) throws IOException, InterruptedException {
        if (!config.acceptEula()) {
            throw new ApiException(
                    500, "procdump's eula is not accepted: set accept_eula = true in the plugin's procdump block");
        }
        if (config.binaryPath() == null || !Files.isRegularFile(Path.of(config.binaryPath()))) {
            throw new ApiException(500, "procdump binary not found at " + config.binaryPath());
        }
        Path dump = folder.resolve("w3wp-" + pid + ".dmp");
        ToolRun.run(ProcdumpCommand.arguments(config.binaryPath(), true, pid, dump), folder, TIMEOUT, false);
        if (!Files.isRegularFile(dump)) {
            throw new ApiException(
                    500,
                    "procdump wrote no dump of process " + pid + ": "
                            + ToolRun.tail(folder.resolve("tool-output.log")));
        }
        return dump;
    }
}
