package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PoolsStoppedOnPurpose}: survives a restart (a new instance on the same directory), tolerates a bad file. */
class PoolsStoppedOnPurposeTest {
    @TempDir
    Path temp;

    @Test
    void changes_areReadBackByTheNextInstance_caseInsensitively() {
        Path dir = temp.resolve("windows");
        PoolsStoppedOnPurpose first = new PoolsStoppedOnPurpose(dir);
        first.add("nomad-a");
        first.add("Nomad-B");
        first.remove("NOMAD-A");

        PoolsStoppedOnPurpose second = new PoolsStoppedOnPurpose(dir);

        assertThat(second.contains("nomad-b")).isTrue();
        assertThat(second.contains("nomad-a")).isFalse();
    }

    @Test
    void writes_leaveOnlyTheFile_noTemporaryFiles() throws Exception {
        PoolsStoppedOnPurpose pools = new PoolsStoppedOnPurpose(temp);
        for (int i = 0; i < 20; i++) {
            pools.add("nomad-" + i);
        }

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PoolsStoppedOnPurpose.FILE_NAME);
        }
        assertThat(Files.readString(temp.resolve(PoolsStoppedOnPurpose.FILE_NAME), StandardCharsets.UTF_8))
                .contains("\"nomad-19\"");
    }

    @Test
    void missingCorruptOrWrongShapedFile_startsEmpty_andTheNextChangeRewritesIt() throws Exception {
        assertThat(new PoolsStoppedOnPurpose(temp.resolve("absent")).contains("x"))
                .isFalse();
        Path file = temp.resolve(PoolsStoppedOnPurpose.FILE_NAME);
        for (String bad : new String[] {"{\"pools\": [\"nomad-a", "[\"nomad-a\"]", "{\"pools\": [1]}", "", "null"}) {
            Files.writeString(file, bad, StandardCharsets.UTF_8);
            PoolsStoppedOnPurpose pools = new PoolsStoppedOnPurpose(temp);
            assertThat(pools.contains("nomad-a")).as(bad).isFalse();
            pools.add("nomad-c");
            assertThat(new PoolsStoppedOnPurpose(temp).contains("nomad-c"))
                    .as(bad)
                    .isTrue();
            Files.delete(file);
        }
    }

    @Test
    void unwritableDirectory_keepsTheSetInMemory() throws Exception {
        Path notADir = Files.writeString(temp.resolve("file"), "x", StandardCharsets.UTF_8);
        PoolsStoppedOnPurpose pools = new PoolsStoppedOnPurpose(notADir);

        pools.add("nomad-a");

        assertThat(pools.contains("nomad-a")).isTrue();
    }
}
