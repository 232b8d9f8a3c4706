package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link TaskFolder} on Windows: an open folder handle. Every name is opened relative to that
 * handle ({@code NtCreateFile} with {@code RootDirectory}), always with
 * {@code FILE_OPEN_REPARSE_POINT}, so a symbolic link or junction is opened itself and never
 * followed; an opened reparse point is refused (deletes and renames act on the link itself), and
 * every opened object's final path ({@code GetFinalPathNameByHandleW}) is checked against the task
 * directory's before it is used ({@link FinalPaths}), so a held folder that was moved out of the
 * task directory is refused too. Reads and writes go through the verified handle
 * ({@link WindowsHandleChannel}); renames and deletes are set on a handle opened the same way
 * ({@code FileRenameInformation} relative to the target folder's handle,
 * {@code FileDispositionInformation}). Nothing is reached again by its path after the task
 * directory itself is opened.
 *
 * <p>Called on API worker threads; one instance is used by one request at a time.
 */
final class WindowsHandleFolder implements TaskFolder {
    private static final String SEPARATOR = "\\";
    private static final Set<OpenOption> KNOWN_OPTIONS = Set.of(
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND,
            StandardOpenOption.CREATE,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.TRUNCATE_EXISTING,
            LinkOption.NOFOLLOW_LINKS);

    private final WindowsFileApi api;
    private final long handle;
    private final Path display;
    private final String rootFinal;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WindowsHandleFolder(WindowsFileApi api, long handle, Path display, String rootFinal) {
        this.api = api;
        this.handle = handle;
        this.display = display;
        this.rootFinal = rootFinal;
    }

    /** Opens the task directory (following links in its own path, which the plugin chose). */
    static WindowsHandleFolder openRoot(WindowsFileApi api, Path root) throws IOException {
        long h;
        try {
            h = api.openFolderByPath(root.toString());
        } catch (WindowsCallException e) {
            throw new NoSuchFileException(root.toString(), null, e.getMessage());
        }
        try {
            if (!api.info(h).isDirectory()) {
                throw new NotDirectoryException(root.toString());
            }
            return new WindowsHandleFolder(api, h, root, api.finalPath(h));
        } catch (IOException | RuntimeException e) {
            api.close(h);
            throw e;
        }
    }

    @Override
    public Path path() {
        return display;
    }

    private String shown(String name) {
        return display.resolve(name).toString();
    }

    /** One plain segment; a colon would name an alternate data stream of this folder or a file. */
    private static void checkName(String name) {
        TaskFolders.checkName(name);
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a single path segment: " + name);
        }
    }

    /**
     * Opens {@code name} relative to this folder without following a reparse point, and checks the
     * opened object's final path; a reparse point is refused unless {@code linkItself}.
     */
    private long openChild(String name, int access, int disposition, int options, boolean linkItself)
            throws IOException {
        checkName(name);
        if (disposition != WindowsFileApi.FILE_OPEN) {
            // create nothing in a folder that was moved out of the task directory
            verifySelf();
        }
        long h;
        try {
            h = api.openRelative(
                    handle,
                    name,
                    access | WindowsFileApi.SYNCHRONIZE | WindowsFileApi.FILE_READ_ATTRIBUTES,
                    disposition,
                    options | WindowsFileApi.FILE_OPEN_REPARSE_POINT | WindowsFileApi.FILE_SYNCHRONOUS_IO_NONALERT);
        } catch (WindowsCallException e) {
            throw mapped(e, shown(name));
        }
        try {
            if (!linkItself && api.info(h).isReparsePoint()) {
                throw new LinkRefusedException(shown(name));
            }
            if (!FinalPaths.isInside(rootFinal, api.finalPath(h), SEPARATOR)) {
                throw new LinkRefusedException(shown(name));
            }
            return h;
        } catch (IOException | RuntimeException e) {
            api.close(h);
            throw e;
        }
    }

    /** Refuses to work in this folder once it is no longer inside the task directory. */
    private void verifySelf() throws IOException {
        if (!FinalPaths.isInside(rootFinal, api.finalPath(handle), SEPARATOR)) {
            throw new LinkRefusedException(display.toString());
        }
    }

    static IOException mapped(WindowsCallException e, String shown) {
        if (e.isStatus(WindowsFileApi.STATUS_OBJECT_NAME_NOT_FOUND)
                || e.isStatus(WindowsFileApi.STATUS_OBJECT_PATH_NOT_FOUND)
                || e.isStatus(WindowsFileApi.STATUS_DELETE_PENDING)) {
            return new NoSuchFileException(shown);
        }
        if (e.isStatus(WindowsFileApi.STATUS_OBJECT_NAME_COLLISION)) {
            return new FileAlreadyExistsException(shown);
        }
        if (e.isStatus(WindowsFileApi.STATUS_NOT_A_DIRECTORY)) {
            return new NotDirectoryException(shown);
        }
        if (e.isStatus(WindowsFileApi.STATUS_FILE_IS_A_DIRECTORY)) {
            return new FileSystemException(shown, null, "is a folder");
        }
        if (e.isStatus(WindowsFileApi.STATUS_DIRECTORY_NOT_EMPTY)) {
            return new DirectoryNotEmptyException(shown);
        }
        if (e.isStatus(WindowsFileApi.STATUS_ACCESS_DENIED)) {
            return new AccessDeniedException(shown);
        }
        return new FileSystemException(shown, null, e.getMessage());
    }

    @Override
    public Kind kind(String name) throws IOException {
        return TaskFolders.kindOf(attributes(name));
    }

    @Override
    public Optional<BasicFileAttributes> attributes(String name) throws IOException {
        long h;
        try {
            h = openChild(name, 0, WindowsFileApi.FILE_OPEN, 0, true);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Attributes(api.info(h)));
        } finally {
            api.close(h);
        }
    }

    @Override
    public TaskFolder open(String name) throws IOException {
        return openFolder(name, WindowsFileApi.FILE_OPEN);
    }

    @Override
    public TaskFolder openOrCreate(String name) throws IOException {
        return openFolder(name, WindowsFileApi.FILE_OPEN_IF);
    }

    private TaskFolder openFolder(String name, int disposition) throws IOException {
        long h;
        try {
            h = openChild(
                    name,
                    WindowsFileApi.FILE_LIST_DIRECTORY | WindowsFileApi.FILE_TRAVERSE,
                    disposition,
                    WindowsFileApi.FILE_DIRECTORY_FILE,
                    false);
        } catch (NotDirectoryException e) {
            // a symbolic link to a file is not a directory either
            if (kind(name) == Kind.LINK) {
                throw new LinkRefusedException(shown(name));
            }
            throw e;
        }
        return new WindowsHandleFolder(api, h, display.resolve(name), rootFinal);
    }

    @Override
    public FileChannel openFile(String name, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        for (OpenOption o : set) {
            if (!KNOWN_OPTIONS.contains(o)) {
                throw new UnsupportedOperationException("open option " + o + " is not offered on task files");
            }
        }
        boolean append = set.contains(StandardOpenOption.APPEND);
        boolean write = append || set.contains(StandardOpenOption.WRITE);
        boolean read = set.contains(StandardOpenOption.READ) || !write;
        int disposition = WindowsFileApi.FILE_OPEN;
        if (write && set.contains(StandardOpenOption.CREATE_NEW)) {
            disposition = WindowsFileApi.FILE_CREATE;
        } else if (write && set.contains(StandardOpenOption.CREATE)) {
            disposition = WindowsFileApi.FILE_OPEN_IF;
        }
        int access = (read ? WindowsFileApi.FILE_READ_DATA : 0) | (write ? WindowsFileApi.FILE_WRITE_DATA : 0);
        // never FILE_OVERWRITE: nothing of the file is touched before it is known to be a plain file inside
        long h = openChild(name, access, disposition, WindowsFileApi.FILE_NON_DIRECTORY_FILE, false);
        try {
            if (write && set.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                api.setLength(h, 0);
            }
        } catch (IOException | RuntimeException e) {
            api.close(h);
            throw e;
        }
        return new WindowsHandleChannel(api, h, read, write, append);
    }

    @Override
    public List<String> list() throws IOException {
        verifySelf();
        return api.list(handle);
    }

    @Override
    public void delete(String name) throws IOException {
        long h;
        try {
            h = openChild(name, WindowsFileApi.DELETE, WindowsFileApi.FILE_OPEN, 0, true);
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            api.markForDeletion(h);
        } catch (WindowsCallException e) {
            throw mapped(e, shown(name));
        } finally {
            api.close(h);
        }
    }

    @Override
    public void move(String name, TaskFolder to, String toName) throws IOException {
        if (!(TaskFolders.unwrap(to) instanceof WindowsHandleFolder other)) {
            throw new IllegalArgumentException("cannot move between folder kinds");
        }
        checkName(toName);
        long h = openChild(name, WindowsFileApi.DELETE, WindowsFileApi.FILE_OPEN, 0, true);
        try {
            other.verifySelf();
            api.rename(h, other.handle, toName, true);
        } catch (WindowsCallException e) {
            throw mapped(e, other.shown(toName));
        } finally {
            api.close(h);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close(handle);
        }
    }

    /** What the handle told, as Java's attributes: every reparse point reads as a link. */
    private static final class Attributes implements BasicFileAttributes {
        private final WindowsFileApi.Info info;

        Attributes(WindowsFileApi.Info info) {
            this.info = info;
        }

        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(info.lastWriteMillis());
        }

        @Override
        public FileTime lastAccessTime() {
            return FileTime.fromMillis(info.lastWriteMillis());
        }

        @Override
        public FileTime creationTime() {
            return FileTime.fromMillis(info.creationMillis());
        }

        @Override
        public boolean isRegularFile() {
            return !info.isReparsePoint() && !info.isDirectory();
        }

        @Override
        public boolean isDirectory() {
            return !info.isReparsePoint() && info.isDirectory();
        }

        @Override
        public boolean isSymbolicLink() {
            return info.isReparsePoint();
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public long size() {
            return info.size();
        }

        @Override
        public Object fileKey() {
            return null;
        }
    }
}
