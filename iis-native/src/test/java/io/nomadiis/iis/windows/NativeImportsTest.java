package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only {@code io.nomadiis.iis.windows} may use JNA: checks every main source file of the reactor. */
class NativeImportsTest {
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules");

    @Test
    void jnaImports_onlyInTheWindowsPackage() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return SKIPPED.contains(
                                dir.getFileName() == null
                                        ? ""
                                        : dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = file.toString().replace('\\', '/');
                if (path.endsWith(".java")
                        && path.contains("/src/main/java/")
                        && !path.contains("/io/nomadiis/iis/windows/")
                        && Files.readString(file).contains("import com.sun.jna")) {
                    offenders.add(root.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(offenders).isEmpty();
        assertThat(Files.exists(root.resolve("iis-native/src/main/java/io/nomadiis/iis/windows/AhAdmin.java")))
                .isTrue();
    }
}
