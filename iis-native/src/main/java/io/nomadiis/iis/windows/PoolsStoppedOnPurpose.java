package io.nomadiis.iis.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.files.AtomicFiles;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The app pools the driver itself stopped (a STOP signal, the management API's pool stop, a removal), kept in a
 * small JSON file under the Windows host's state directory so that a plugin restart (Nomad restarts plugins;
 * RecoverTask re-attaches) does not mistake a pool stopped on purpose for one IIS stopped (rapid-fail protection):
 * IIS's runtime {@code state} is {@code Stopped} either way (windows-iis.md section 2).
 *
 * <p>Every change rewrites the file atomically (a temporary file in the same directory, then
 * {@code ATOMIC_MOVE}), so a crash leaves either the old or the new set. The file is read once, at construction;
 * a missing file is an empty set, an unreadable or corrupt one too (with a warning: the pools in it would then be
 * reported as stopped by IIS, which ends their tasks rather than hiding a failure). A file that cannot be written
 * is logged and the set kept in memory: stopping a pool never fails for it.
 *
 * <p>Names are compared case-insensitively, as IIS compares pool names. Threads: read by whichever thread reads
 * pool runtimes (watcher, stats, management API workers); changed by the driver's RPC threads and management API
 * workers. Reads never block; changes are serialised by this object's monitor, which is held only for the write
 * of the small file.
 */
final class PoolsStoppedOnPurpose {
    private static final System.Logger LOG = System.getLogger(PoolsStoppedOnPurpose.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;
    /** The file's name under the state directory. */
    static final String FILE_NAME = "pools-stopped-on-purpose.json";

    private final Path file;
    private final Set<String> pools = ConcurrentHashMap.newKeySet();

    /** @param stateDir the Windows host's state directory (created when the first change is written) */
    PoolsStoppedOnPurpose(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
        pools.addAll(read(file));
    }

    /** Whether the driver stopped this pool and has not started it since. */
    boolean contains(String pool) {
        return pools.contains(key(pool));
    }

    /** Records that the driver stops this pool. */
    void add(String pool) {
        addAll(List.of(pool));
    }

    /** Records that the driver stops these pools (one write of the file). */
    synchronized void addAll(Collection<String> names) {
        change(names, pools::add);
    }

    /** Records that the driver starts this pool again. */
    void remove(String pool) {
        removeAll(List.of(pool));
    }

    /** Records that the driver starts these pools again, or removed them (one write of the file). */
    synchronized void removeAll(Collection<String> names) {
        change(names, pools::remove);
    }

    /** Applies {@code change} to each name's key and writes the file once if any changed the set. */
    @GuardedBy("this")
    private void change(Collection<String> names, Predicate<String> change) {
        boolean changed = false;
        for (String pool : names) {
            changed |= change.test(key(pool));
        }
        if (changed) {
            write();
        }
    }

    @GuardedBy("this")
    private void write() {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ArrayNode names = root.putArray("pools");
        new TreeSet<>(pools).forEach(names::add);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot record the app pools the driver stopped (kept in memory; after a plugin restart they"
                            + " would be reported as stopped by IIS)",
                    LogField.path(file),
                    LogField.error(e.toString()));
        }
    }

    private static Set<String> read(Path file) {
        Set<String> read = new TreeSet<>();
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            JsonNode names = root == null ? null : root.get("pools");
            if (names == null || !names.isArray()) {
                throw new IOException("no \"pools\" array");
            }
            for (JsonNode name : names) {
                if (!name.isTextual()) {
                    throw new IOException("a pool name is not a string: " + name);
                }
                read.add(key(name.asText()));
            }
            return read;
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "ignoring the record of app pools the driver stopped, which cannot be read: every stopped app"
                            + " pool is treated as stopped by IIS until the driver stops it again",
                    LogField.path(file),
                    LogField.error(e.toString()));
            return Set.of();
        }
    }

    private static String key(String pool) {
        return pool.toLowerCase(Locale.ROOT);
    }
}
