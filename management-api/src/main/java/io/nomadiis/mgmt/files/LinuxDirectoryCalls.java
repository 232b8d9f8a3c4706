package io.nomadiis.mgmt.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The two libc calls Java does not offer for folders: {@code open(2)} of a folder with
 * {@code O_DIRECTORY | O_NOFOLLOW} (a descriptor that keeps naming the same folder whatever
 * happens to its path), and {@code close(2)}. Flag values are those of the Linux UAPI headers:
 * {@code include/uapi/asm-generic/fcntl.h} (x86_64) and {@code arch/arm64/include/uapi/asm/fcntl.h}
 * (aarch64, where O_DIRECTORY and O_NOFOLLOW differ); {@link #supported()} is false elsewhere.
 * Note that Linux answers ENOTDIR, not ELOOP, for a link opened with O_DIRECTORY | O_NOFOLLOW.
 */
final class LinuxDirectoryCalls {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;

    private static final int O_DIRECTORY;
    private static final int O_NOFOLLOW;

    private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

    static {
        if (ARCH.equals("aarch64")) {
            O_DIRECTORY = 040000;
            O_NOFOLLOW = 0100000;
        } else {
            O_DIRECTORY = 0200000;
            O_NOFOLLOW = 0400000;
        }
    }

    private interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private LinuxDirectoryCalls() {}

    /** Whether this is Linux on an architecture whose flag values are known here. */
    static boolean supported() {
        return System.getProperty("os.name", "").equals("Linux")
                && (ARCH.equals("amd64") || ARCH.equals("x86_64") || ARCH.equals("aarch64"))
                && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd"));
    }

    /** Opens a folder; with {@code noFollow} a link as the last component is refused. */
    static int openFolder(String path, boolean noFollow) throws IOException {
        int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (noFollow ? O_NOFOLLOW : 0);
        try {
            return Holder.LIBC.open(path, flags);
        } catch (LastErrorException e) {
            switch (e.getErrorCode()) {
                case ENOENT:
                    throw new NoSuchFileException(path);
                case ENOTDIR:
                    throw new NotDirectoryException(path);
                case ELOOP:
                    throw new LinkRefusedException(path);
                default:
                    throw new FileSystemException(path, null, "open failed with errno " + e.getErrorCode());
            }
        }
    }

    static void close(int fd) {
        try {
            Holder.LIBC.close(fd);
        } catch (LastErrorException ignored) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
