package io.nomadiis.mgmt.files;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The self-check {@link TaskFolders} runs before relying on the handle-based Windows calls: it
 * passes on calls that behave as documented (the NTFS double) and fails on calls that do not (the
 * same double behind a wrapper that injects one fault), so a broken binding falls back to path
 * checks instead of serving wrong files.
 */
class WindowsHandleCheckTest {
    private static final String SCRATCH = "C:\\Windows\\Temp\\nomad-iis-handles-1";

    private static NtfsDouble volume() {
        NtfsDouble ntfs = new NtfsDouble();
        ntfs.mkdirs(SCRATCH);
        return ntfs;
    }

    @Test
    void documentedBehaviour_passes_andLeavesTheScratchFolderEmpty() {
        NtfsDouble ntfs = volume();
        assertThatCode(() -> WindowsHandleCheck.run(ntfs, Path.of(SCRATCH))).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(ntfs.names(SCRATCH)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(ntfs.openHandles()).isZero();
    }

    @Test
    void readsThatIgnoreTheOffset_fail() {
        NtfsDouble ntfs = volume();
        WindowsFileApi broken = new Forwarding(ntfs) {
            @Override
            public int read(long file, long position, byte[] buffer, int offset, int length) throws IOException {
                return ntfs.read(file, 0, buffer, offset, length);
            }
        };
        assertThatThrownBy(() -> WindowsHandleCheck.run(broken, Path.of(SCRATCH)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void renamesThatDoNothing_fail() {
        NtfsDouble ntfs = volume();
        WindowsFileApi broken = new Forwarding(ntfs) {
            @Override
            public void rename(long handle, long toFolder, String toName, boolean replace) {}
        };
        assertThatThrownBy(() -> WindowsHandleCheck.run(broken, Path.of(SCRATCH)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rename");
    }

    /** Forwards every call to the double; subclasses inject one fault. */
    private static class Forwarding implements WindowsFileApi {
        final WindowsFileApi inner;

        Forwarding(WindowsFileApi inner) {
            this.inner = inner;
        }

        @Override
        public long openFolderByPath(String path) throws IOException {
            return inner.openFolderByPath(path);
        }

        @Override
        public long openRelative(long folder, String name, int access, int disposition, int options)
                throws IOException {
            return inner.openRelative(folder, name, access, disposition, options);
        }

        @Override
        public Info info(long handle) throws IOException {
            return inner.info(handle);
        }

        @Override
        public String finalPath(long handle) throws IOException {
            return inner.finalPath(handle);
        }

        @Override
        public List<String> list(long folder) throws IOException {
            return inner.list(folder);
        }

        @Override
        public int read(long file, long position, byte[] buffer, int offset, int length) throws IOException {
            return inner.read(file, position, buffer, offset, length);
        }

        @Override
        public int write(long file, long position, byte[] buffer, int offset, int length) throws IOException {
            return inner.write(file, position, buffer, offset, length);
        }

        @Override
        public void setLength(long file, long length) throws IOException {
            inner.setLength(file, length);
        }

        @Override
        public void flush(long file) throws IOException {
            inner.flush(file);
        }

        @Override
        public void rename(long handle, long toFolder, String toName, boolean replace) throws IOException {
            inner.rename(handle, toFolder, toName, replace);
        }

        @Override
        public void markForDeletion(long handle) throws IOException {
            inner.markForDeletion(handle);
        }

        @Override
        public void close(long handle) {
            inner.close(handle);
        }
    }
}
