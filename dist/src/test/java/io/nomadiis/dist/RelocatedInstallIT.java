package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin_dir copied somewhere else, as an operator installs it: the binary still handshakes,
 * and its first launch records a class-data-sharing archive for the new place in the background
 * (a JDK 17 archive is only valid where it was recorded).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RelocatedInstallIT {

    private Path installed;

    @BeforeEach
    void install() throws IOException {
        assumeTrue(!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"));
        Path source = PluginProcess.pluginDir();
        installed = Files.createTempDirectory("nomad_iis-install");
        Path home = Files.createDirectories(installed.resolve("nomad_iis.d"));
        Files.copy(source.resolve("nomad_iis"), installed.resolve("nomad_iis"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(home.resolve("runtime"), source.resolve("nomad_iis.d/runtime"));
        copyTree(source.resolve("nomad_iis.d/lib"), home.resolve("lib"));
        for (String file : List.of("nomad_iis.jsa", "nomad_iis.jsa.path")) {
            if (Files.exists(source.resolve("nomad_iis.d").resolve(file))) {
                Files.copy(source.resolve("nomad_iis.d").resolve(file), home.resolve(file));
            }
        }
    }

    @AfterEach
    void remove() throws Exception {
        if (installed == null) {
            return;
        }
        awaitGone(installed.resolve("nomad_iis.d/.cds-lock"));
        try (Stream<Path> files = Files.walk(installed)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void launch_movedPluginDir_handshakesAndRecordsArchiveForNewPlace() throws Exception {
        Path home = installed.resolve("nomad_iis.d");
        try (PluginProcess plugin =
                PluginProcess.launch(installed.resolve("nomad_iis"), List.of(), java.util.Map.of())) {
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
        awaitGone(home.resolve(".cds-lock"));
        assertThat(Files.readString(home.resolve("nomad_iis.jsa.path")).trim())
                .isEqualTo(home.toRealPath().toString());
        try (PluginProcess plugin =
                PluginProcess.launch(installed.resolve("nomad_iis"), List.of(), java.util.Map.of())) {
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    private static void awaitGone(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
