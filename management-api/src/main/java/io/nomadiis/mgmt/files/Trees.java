package io.nomadiis.mgmt.files;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/** Deleting and emptying folders without ever following a symbolic link out. */
public final class Trees {
    private Trees() {}

    /**
     * {@link #deleteRecursively} for cleanup that must not fail the work it follows: a folder that cannot be
     * deleted is a warning naming {@code what} it was.
     */
    public static void deleteQuietly(Path path, String what) {
        try {
            deleteRecursively(path);
        } catch (IOException e) {
            System.getLogger(Trees.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "failed to delete " + what,
                            LogField.path(path),
                            LogField.error(e.getMessage()));
        }
    }

    /**
     * Deletes a folder the plugin itself owns (a private temp folder, a test's folder) by path.
     * Inside task directories use {@link #delete(TaskFolder, String)}. Missing is fine.
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes {@code name} in {@code parent}: a file or link itself (a link's target is never
     * touched), or a folder with everything in it. Missing is fine.
     */
    public static void delete(TaskFolder parent, String name) throws IOException {
        if (parent.kind(name) == TaskFolder.Kind.FOLDER) {
            try (TaskFolder folder = parent.open(name)) {
                empty(folder, n -> false);
            } catch (NoSuchFileException gone) {
                return;
            } catch (LinkRefusedException | NotDirectoryException swapped) {
                // swapped for a link or file since the check: delete that instead, never follow it
            }
        }
        try {
            parent.delete(name);
        } catch (DirectoryNotEmptyException refilled) {
            // written to while it was emptied: one more pass, then give up with the error
            try (TaskFolder folder = parent.open(name)) {
                empty(folder, n -> false);
            }
            parent.delete(name);
        }
    }

    /** Deletes everything inside a folder except children whose names the filter keeps. */
    public static void empty(TaskFolder folder, Predicate<String> keep) throws IOException {
        for (String child : folder.list()) {
            if (!keep.test(child)) {
                delete(folder, child);
            }
        }
    }
}
