package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * An open folder inside a task directory. Every operation takes one name (a single path segment)
 * relative to this folder and never follows a symbolic link or junction in that name, so a
 * workload that swaps a folder for a link between a check and an open, rename or delete cannot
 * redirect the operation outside the task directory: the folder itself is held open, not found
 * again by its path.
 *
 * <p>Called on API worker threads; one instance is used by one request at a time.
 */
public interface TaskFolder extends AutoCloseable {

    /** What a name in this folder is, without following links. */
    enum Kind {
        MISSING,
        FILE,
        FOLDER,
        LINK,
        OTHER
    }

    /** The folder's path, for messages only (never used to reach it). */
    Path path();

    /** The kind of the entry {@code name}. */
    Kind kind(String name) throws IOException;

    /** The entry's attributes (of the link itself for a link), or empty when missing. */
    Optional<BasicFileAttributes> attributes(String name) throws IOException;

    /**
     * Opens the sub-folder {@code name}.
     *
     * @throws LinkRefusedException when it is a link (or was swapped for one)
     * @throws java.nio.file.NoSuchFileException when missing
     * @throws java.nio.file.NotDirectoryException when it is not a folder
     */
    TaskFolder open(String name) throws IOException;

    /** Creates the sub-folder {@code name} when missing and opens it (see {@link #open}). */
    TaskFolder openOrCreate(String name) throws IOException;

    /**
     * Opens the file {@code name} with the given options (a link is refused with
     * {@link LinkRefusedException}, never followed).
     */
    FileChannel openFile(String name, OpenOption... options) throws IOException;

    /** The names in this folder. */
    List<String> list() throws IOException;

    /** Deletes the file, link or empty folder {@code name}; missing is fine. */
    void delete(String name) throws IOException;

    /** Renames {@code name} to {@code toName} in {@code to}, replacing a file there, atomically. */
    void move(String name, TaskFolder to, String toName) throws IOException;

    @Override
    void close();
}
