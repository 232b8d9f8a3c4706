package io.nomadiis.mgmt.files;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A private folder inside the task directory where an upload lands before it is swapped into
 * place, so an incomplete or invalid upload changes nothing. Held open as a {@link TaskFolder}, so
 * renaming it or swapping it for a link does not redirect the upload. Deleted on close; folders
 * left behind by a crash are removed by {@link #removeLeftovers}.
 *
 * <p>Used by one upload at a time, on API worker threads.
 */
public final class Staging implements AutoCloseable {
    /** Name prefix of staging folders; folder listings, downloads and cleans leave them alone. */
    public static final String PREFIX = ".nomad-iis-upload-";

    private static final System.Logger LOG = System.getLogger(Staging.class.getName());

    /** Names of the staging folders of uploads in flight in this process (never swept). */
    private static final java.util.Set<String> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final TaskFolder root;
    private final String name;
    private final TaskFolder dir;

    private Staging(TaskFolder root, String name, TaskFolder dir) {
        this.root = root;
        this.name = name;
        this.dir = dir;
    }

    /** Creates a new staging folder in the task directory; the staging takes over {@code root}. */
    public static Staging create(TaskFolder root) throws IOException {
        String name = PREFIX + UUID.randomUUID();
        LIVE.add(name);
        try {
            return new Staging(root, name, root.openOrCreate(name));
        } catch (IOException | RuntimeException e) {
            LIVE.remove(name);
            root.close();
            throw e;
        }
    }

    /** Whether a name is a staging folder's. */
    public static boolean isStaging(String name) {
        return name.startsWith(PREFIX);
    }

    /** Whether a path's last element is a staging folder's. */
    public static boolean isStaging(Path p) {
        Path fileName = p.getFileName();
        return fileName != null && isStaging(fileName.toString());
    }

    /** The task directory this staging folder is in (owned by this staging). */
    public TaskFolder root() {
        return root;
    }

    /** The staging folder. */
    public TaskFolder folder() {
        return dir;
    }

    /** Name of the raw body in {@link #folder()}. */
    public static String bodyName() {
        return "body";
    }

    /** Creates the file the raw body goes to. */
    public FileChannel createBody() throws IOException {
        return dir.openFile(
                bodyName(), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Creates (or opens) the folder a zip body is extracted to; the caller closes it. */
    public TaskFolder tree() throws IOException {
        return dir.openOrCreate("tree");
    }

    /**
     * Removes staging folders a crashed or killed plugin left in a task directory (at start-up and
     * on RecoverTask). Returns how many it removed.
     */
    public static int removeLeftovers(Path taskDir) {
        int removed = 0;
        try (TaskFolder root = TaskFolders.openRootOrThrow(taskDir)) {
            for (String child : root.list()) {
                if (isStaging(child) && !LIVE.contains(child)) {
                    Trees.delete(root, child);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "failed to remove upload staging folders",
                    LogField.path(taskDir),
                    LogField.error(e.getMessage()));
        }
        return removed;
    }

    @Override
    public void close() {
        try {
            dir.close();
            Trees.delete(root, name);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "failed to delete an upload staging folder",
                    LogField.path(root.path().resolve(name)),
                    LogField.error(e.getMessage()));
        } finally {
            LIVE.remove(name);
            root.close();
        }
    }
}
