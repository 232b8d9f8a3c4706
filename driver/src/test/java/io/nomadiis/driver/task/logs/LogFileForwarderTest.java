package io.nomadiis.driver.task.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileForwarderTest {
    @TempDir
    Path dir;

    private void append(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void poll_completeLinesOnly_thenContinuesAfterRestartWithoutDuplicates() throws Exception {
        Path taskDir = dir.resolve("web");
        Path out = dir.resolve("stdout.log");
        Path offsets = dir.resolve("state/offsets.json");
        append(taskDir.resolve("local/logs/app.log"), "one\ntwo\npartial");
        append(taskDir.resolve("local/other.txt"), "ignored\n");
        try (LogSink sink = LogSink.open(out)) {
            LogFileForwarder f = new LogFileForwarder(taskDir, List.of("local/logs/*.log"), offsets);
            f.poll(sink);
            assertThat(Files.readString(out)).isEqualTo("one\ntwo\n");
            append(taskDir.resolve("local/logs/app.log"), " line\n");
            append(taskDir.resolve("local/logs/new.log"), "fresh\n");
            f.poll(sink);
        }
        assertThat(Files.readString(out)).isEqualTo("one\ntwo\npartial line\nfresh\n");
        append(taskDir.resolve("local/logs/app.log"), "three\n");
        try (LogSink sink = LogSink.open(out)) {
            LogFileForwarder restarted = new LogFileForwarder(taskDir, List.of("local/logs/*.log"), offsets);
            restarted.poll(sink);
            restarted.poll(sink);
        }
        assertThat(Files.readString(out)).isEqualTo("one\ntwo\npartial line\nfresh\nthree\n");
    }

    @Test
    void poll_truncatedFile_readFromStart() throws Exception {
        Path taskDir = dir.resolve("web");
        Path log = taskDir.resolve("app.log");
        Path out = dir.resolve("stdout.log");
        append(log, "aaaa\nbbbb\n");
        try (LogSink sink = LogSink.open(out)) {
            LogFileForwarder f = new LogFileForwarder(taskDir, List.of("*.log"), dir.resolve("o.json"));
            f.poll(sink);
            Files.writeString(log, "c\n");
            f.poll(sink);
            assertThat(f.offset("app.log")).isEqualTo(2);
        }
        assertThat(Files.readString(out)).isEqualTo("aaaa\nbbbb\nc\n");
    }

    @Test
    void open_fifoWithoutReader_doesNotBlock() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        try {
            if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
                return;
            }
        } catch (java.io.IOException e) {
            return; // no mkfifo on this OS
        }
        try (LogSink sink = LogSink.open(fifo)) {
            byte[] line = "hello\n".getBytes(StandardCharsets.UTF_8);
            sink.write(line, 0, line.length);
        }
        assertThat(Files.exists(fifo)).isTrue();
    }
}
