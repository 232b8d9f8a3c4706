package io.nomadiis.mgmt.files;

import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Opens task directories as {@link TaskFolder}s (folder descriptors on Linux, folder handles on
 * Windows once their self-check passed, checked paths elsewhere) and walks caller paths through
 * them one segment at a time.
 */
public final class TaskFolders {
    private static final System.Logger LOG = System.getLogger(TaskFolders.class.getName());
    private static final boolean DESCRIPTORS = LinuxDirectoryCalls.supported();

    private TaskFolders() {}

    /** Opens the task directory; 404 when it is gone. */
    public static TaskFolder openRoot(Path root) {
        try {
            return openRootOrThrow(root);
        } catch (IOException e) {
            throw ApiException.notFound("task directory " + root + " does not exist");
        }
    }

    /** Opens the task directory. */
    public static TaskFolder openRootOrThrow(Path root) throws IOException {
        if (DESCRIPTORS) {
            return ProcFdFolder.openRoot(root);
        }
        WindowsFileApi handles = WindowsHandles.API;
        return handles != null ? WindowsHandleFolder.openRoot(handles, root) : CheckedPathFolder.openRoot(root);
    }

    /**
     * The Windows handle calls, on Windows once {@link WindowsHandleCheck} passed in a scratch
     * folder (checked on first use); null elsewhere or when the check failed (then paths are
     * checked, with a warning in the log).
     */
    private static final class WindowsHandles {
        static final WindowsFileApi API = checked();

        private static WindowsFileApi checked() {
            if (!WindowsFileCalls.supported()) {
                return null;
            }
            Path scratch = null;
            try {
                WindowsFileApi api = new WindowsFileCalls();
                scratch = Files.createTempDirectory("nomad-iis-handles-");
                WindowsHandleCheck.run(api, scratch);
                return api;
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "handle-based file access failed its self-check; the management api checks paths instead",
                        LogField.error(String.valueOf(e.getMessage())));
                return null;
            } finally {
                if (scratch != null) {
                    Trees.deleteQuietly(scratch, "the handle self-check folder");
                }
            }
        }
    }

    /** Whether task folders are reached through Windows handles (true only on Windows after the self-check). */
    static boolean windowsHandles() {
        return !DESCRIPTORS && WindowsHandles.API != null;
    }

    /**
     * Opens the folders along {@code segments} from {@code root}; a link on the way is 403, a
     * missing folder 404 (or, with {@code create}, created), a file on the way 409.
     */
    public static TaskFolder walk(TaskFolder root, List<String> segments, boolean create, String shown)
            throws IOException {
        TaskFolder current = root;
        try {
            for (String s : segments) {
                TaskFolder next;
                try {
                    next = create ? current.openOrCreate(s) : current.open(s);
                } catch (LinkRefusedException e) {
                    throw ApiException.forbidden(
                            "path \"" + shown + "\" runs through a symbolic link; links are not followed");
                } catch (NoSuchFileException e) {
                    throw ApiException.notFound("no folder \"" + shown + "\" in the task directory");
                } catch (NotDirectoryException e) {
                    throw ApiException.conflict("\"" + shown + "\" runs through a file, not a folder");
                }
                if (current != root) {
                    current.close();
                }
                current = next;
            }
            return current == root ? new Borrowed(root) : current;
        } catch (IOException | RuntimeException e) {
            if (current != root) {
                current.close();
            }
            throw e;
        }
    }

    /** The folder behind a borrowed root. */
    static TaskFolder unwrap(TaskFolder folder) {
        return folder instanceof Borrowed b ? b.inner : folder;
    }

    /** Refuses names that are not one plain path segment. */
    static void checkName(String name) {
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a single path segment: " + name);
        }
    }

    static TaskFolder.Kind kindOf(Optional<BasicFileAttributes> attributes) {
        if (attributes.isEmpty()) {
            return TaskFolder.Kind.MISSING;
        }
        BasicFileAttributes a = attributes.get();
        if (a.isSymbolicLink()) {
            return TaskFolder.Kind.LINK;
        }
        if (a.isDirectory()) {
            return TaskFolder.Kind.FOLDER;
        }
        if (a.isRegularFile()) {
            return TaskFolder.Kind.FILE;
        }
        // Windows junctions and other reparse points are "other" when links are not followed
        return a.isOther() ? TaskFolder.Kind.LINK : TaskFolder.Kind.OTHER;
    }

    /** The same failure naming the task path instead of the descriptor path. */
    static IOException renamed(FileSystemException e, Path shown) {
        String file = shown.toString();
        if (e instanceof NoSuchFileException) {
            return new NoSuchFileException(file);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new FileAlreadyExistsException(file);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return new DirectoryNotEmptyException(file);
        }
        if (e instanceof AccessDeniedException) {
            return new AccessDeniedException(file);
        }
        if (e instanceof NotDirectoryException) {
            return new NotDirectoryException(file);
        }
        return new FileSystemException(file, null, e.getReason());
    }

    /** The root handed out by {@link #walk} for an empty path: closing it leaves the root open. */
    private static final class Borrowed implements TaskFolder {
        private final TaskFolder inner;

        Borrowed(TaskFolder inner) {
            this.inner = inner;
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public Kind kind(String name) throws IOException {
            return inner.kind(name);
        }

        @Override
        public Optional<BasicFileAttributes> attributes(String name) throws IOException {
            return inner.attributes(name);
        }

        @Override
        public TaskFolder open(String name) throws IOException {
            return inner.open(name);
        }

        @Override
        public TaskFolder openOrCreate(String name) throws IOException {
            return inner.openOrCreate(name);
        }

        @Override
        public java.nio.channels.FileChannel openFile(String name, java.nio.file.OpenOption... options)
                throws IOException {
            return inner.openFile(name, options);
        }

        @Override
        public List<String> list() throws IOException {
            return inner.list();
        }

        @Override
        public void delete(String name) throws IOException {
            inner.delete(name);
        }

        @Override
        public void move(String name, TaskFolder to, String toName) throws IOException {
            inner.move(name, unwrap(to), toName);
        }

        @Override
        public void close() {}
    }
}
