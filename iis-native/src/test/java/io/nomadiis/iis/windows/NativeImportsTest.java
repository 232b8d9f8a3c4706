package io.nomadiis.iis.windows;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Only {@code io.nomadiis.iis.windows} may use JNA: checks every main source file of the reactor. */
class NativeImportsTest {
    @Test
    void jnaImports_onlyInTheWindowsPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root, 12)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(f -> !f.toString().replace('\\', '/').contains("/io/nomadiis/iis/windows/"))
                    .filter(f -> !f.toString().replace('\\', '/').contains("/target/"))
                    .filter(NativeImportsTest::importsJna)
                    .map(f -> root.relativize(f).toString()).toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(Files.exists(root.resolve("iis-native/src/main/java/io/nomadiis/iis/windows/AhAdmin.java"))).isTrue();
    }

    private static boolean importsJna(Path file) {
        try {
            return Files.readString(file).contains("import com.sun.jna");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
