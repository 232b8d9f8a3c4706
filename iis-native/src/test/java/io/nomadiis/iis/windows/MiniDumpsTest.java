package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.WINDOWS)
class MiniDumpsTest {

    @Test
    void writeFullDump_childProcess_writesMinidumpFile(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder("cmd", "/c", "ping -n 30 127.0.0.1 > NUL").start();
        try {
            Path dump = dir.resolve("child.dmp");
            MiniDumps.writeFullDump(child.pid(), dump);
            byte[] signature = new byte[4];
            try (InputStream in = Files.newInputStream(dump)) {
                assertThat(in.read(signature)).isEqualTo(4);
            }
            assertThat(new String(signature, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("MDMP");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void writeFullDump_noSuchProcess_namesThePid(@TempDir Path dir) {
        assertThatThrownBy(() -> MiniDumps.writeFullDump(4_000_000_001L, dir.resolve("x.dmp")))
                .hasMessageContaining("process 4000000001");
    }
}
