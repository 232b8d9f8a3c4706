package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
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

/**
 * A {@link TaskFolder} reached by its path, for hosts without folder descriptors or handles (other
 * architectures, and Windows when {@link WindowsHandleFolder}'s calls fail their self-check). Links
 * and reparse points (junctions count as {@code isOther}) are refused at every step, the last step
 * is opened with {@code NOFOLLOW_LINKS} (on Windows Java maps that to
 * {@code FILE_FLAG_OPEN_REPARSE_POINT}), and after every open the folder's final path is checked
 * again against the task directory's ({@link FinalPaths}), so an operation that raced a swap fails
 * instead of carrying on outside. Weaker than {@link ProcFdFolder}: an intermediate folder swapped
 * and swapped back between the open and the check is not seen.
 */
final class CheckedPathFolder implements TaskFolder {
    private final Path path;
    private final Path rootReal;

    private CheckedPathFolder(Path path, Path rootReal) {
        this.path = path;
        this.rootReal = rootReal;
    }

    static CheckedPathFolder openRoot(Path root) throws IOException {
        return new CheckedPathFolder(root, root.toRealPath());
    }

    @Override
    public Path path() {
        return path;
    }

    private Path at(String name) {
        TaskFolders.checkName(name);
        return path.resolve(name);
    }

    private void verify(Path p) throws IOException {
        Path real = p.toRealPath();
        if (!FinalPaths.isInside(
                rootReal.toString(), real.toString(), p.getFileSystem().getSeparator())) {
            throw new LinkRefusedException(p.toString());
        }
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
        switch (kind(name)) {
            case MISSING:
                throw new NoSuchFileException(p.toString());
            case LINK:
                throw new LinkRefusedException(p.toString());
            case FOLDER:
                break;
            default:
                throw new NotDirectoryException(p.toString());
        }
        verify(p);
        return new CheckedPathFolder(p, rootReal);
    }

    @Override
    public TaskFolder openOrCreate(String name) throws IOException {
        verify(path);
        try {
            Files.createDirectory(at(name));
        } catch (FileAlreadyExistsException e) {
            // open decides whether it is a folder
        }
        return open(name);
    }

    @Override
    public FileChannel openFile(String name, OpenOption... options) throws IOException {
        if (kind(name) == Kind.LINK) {
            throw new LinkRefusedException(at(name).toString());
        }
        OpenOption[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = LinkOption.NOFOLLOW_LINKS;
        FileChannel channel = FileChannel.open(at(name), all);
        try {
            verify(at(name));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    @Override
    public List<String> list() throws IOException {
        verify(path);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void delete(String name) throws IOException {
        verify(path);
        Files.deleteIfExists(at(name));
    }

    @Override
    public void move(String name, TaskFolder to, String toName) throws IOException {
        if (!(TaskFolders.unwrap(to) instanceof CheckedPathFolder other)) {
            throw new IllegalArgumentException("cannot move between folder kinds");
        }
        verify(path);
        other.verify(other.path);
        try {
            Files.move(at(name), other.at(toName), StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(at(name), other.at(toName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {}
}
