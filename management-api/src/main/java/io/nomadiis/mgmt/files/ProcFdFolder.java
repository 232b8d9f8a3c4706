package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link TaskFolder} on Linux: an open folder descriptor, reached by the kernel through
 * {@code /proc/self/fd/<fd>/<name>}. The {@code /proc/self/fd/<fd>} step is the descriptor itself
 * (proc(5): these links jump to the open file, they are not resolved again by path), and the last
 * step is never followed: {@code O_NOFOLLOW} for opens, and {@code lstat}, {@code mkdir},
 * {@code rename}, {@code unlink} and {@code rmdir} never follow a final link.
 */
final class ProcFdFolder implements TaskFolder {
    private final int fd;
    private final Path display;
    private final Path self;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProcFdFolder(int fd, Path display) {
        this.fd = fd;
        this.display = display;
        this.self = Path.of("/proc/self/fd/" + fd);
    }

    /** Opens the task directory (following links in its own path, which the plugin chose). */
    static ProcFdFolder openRoot(Path root) throws IOException {
        return new ProcFdFolder(LinuxDirectoryCalls.openFolder(root.toString(), false), root);
    }

    @Override
    public Path path() {
        return display;
    }

    private Path at(String name) {
        TaskFolders.checkName(name);
        return self.resolve(name);
    }

    @Override
    public Kind kind(String name) throws IOException {
        return TaskFolders.kindOf(attributes(name));
    }

    @Override
    public Optional<BasicFileAttributes> attributes(String name) throws IOException {
        try {
            return Optional.of(Files.readAttributes(at(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public TaskFolder open(String name) throws IOException {
        Path p = at(name);
        try {
            return new ProcFdFolder(LinuxDirectoryCalls.openFolder(p.toString(), true), display.resolve(name));
        } catch (NotDirectoryException e) {
            if (kind(name) == Kind.LINK) {
                throw new LinkRefusedException(display.resolve(name).toString());
            }
            throw new NotDirectoryException(display.resolve(name).toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(display.resolve(name).toString());
        } catch (LinkRefusedException e) {
            throw new LinkRefusedException(display.resolve(name).toString());
        }
    }

    @Override
    public TaskFolder openOrCreate(String name) throws IOException {
        try {
            Files.createDirectory(at(name));
        } catch (FileAlreadyExistsException e) {
            // open decides whether it is a folder
        }
        return open(name);
    }

    @Override
    public FileChannel openFile(String name, OpenOption... options) throws IOException {
        OpenOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = LinkOption.NOFOLLOW_LINKS;
        try {
            return FileChannel.open(at(name), all);
        } catch (FileSystemException e) {
            if (kind(name) == Kind.LINK) {
                throw new LinkRefusedException(display.resolve(name).toString());
            }
            throw TaskFolders.renamed(e, display.resolve(name));
        }
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(self)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            Files.deleteIfExists(at(name));
        } catch (FileSystemException e) {
            throw TaskFolders.renamed(e, display.resolve(name));
        }
    }

    @Override
    public void move(String name, TaskFolder to, String toName) throws IOException {
        if (!(TaskFolders.unwrap(to) instanceof ProcFdFolder other)) {
            throw new IllegalArgumentException("cannot move between folder kinds");
        }
        try {
            Files.move(at(name), other.at(toName), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw TaskFolders.renamed(e, other.display.resolve(toName));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LinuxDirectoryCalls.close(fd);
        }
    }
}
