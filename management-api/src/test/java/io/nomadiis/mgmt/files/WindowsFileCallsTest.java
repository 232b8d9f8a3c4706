package io.nomadiis.mgmt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real kernel32/ntdll binding under the handle-based task folder, on Windows only (the
 * windows workflow runs it): the self-check passes so task folders use handles, a real junction
 * (made with {@code mklink /J}) is refused and deleted as a link, and bytes go through handles.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsFileCallsTest {
    Path base;
    Path task;
    Path outside;

    @BeforeEach
    void folders() throws Exception {
        base = Files.createTempDirectory("nomad-iis-wincalls");
        task = Files.createDirectories(base.resolve("Task").resolve("local"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Process p = new ProcessBuilder(
                        "cmd", "/c", "mklink", "/J", task.resolve("out").toString(), outside.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("mklink /J").isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Files.deleteIfExists(task.resolve("out"));
        Trees.deleteRecursively(base);
    }

    @Test
    void selfCheckPassed_taskFoldersUseHandles() {
        assertThat(TaskFolders.windowsHandles()).isTrue();
    }

    @Test
    void realJunction_refused_deletedAsALink_bytesThroughHandles() throws Exception {
        Path root = Path.of(base.resolve("Task").toString().toUpperCase(Locale.ROOT));
        try (WindowsHandleFolder folder = WindowsHandleFolder.openRoot(new WindowsFileCalls(), root);
                TaskFolder local = folder.open("local")) {
            assertThat(local.kind("out")).isEqualTo(TaskFolder.Kind.LINK);
            assertThatThrownBy(() -> local.open("out")).isInstanceOf(LinkRefusedException.class);
            try (FileChannel out = local.openFile(
                    "a.txt", StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                out.transferTo(1, 3, Channels.newChannel(back));
                assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo("ell");
            }
            assertThat(local.list()).containsExactlyInAnyOrder("out", "a.txt");
            try (TaskFolder sub = local.openOrCreate("sub")) {
                local.move("a.txt", sub, "b.txt");
            }
            local.delete("out");
        }
        assertThat(Files.readString(task.resolve("sub").resolve("b.txt"))).isEqualTo("hello");
        assertThat(Files.exists(task.resolve("out"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }
}
