package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Swaps a complete, validated upload from its staging folder into place by renames, after
 * checking every destination first, so a refused destination changes nothing. Replaced files
 * are overwritten (never appended to); folders are merged, or replaced with {@code clean}.
 */
public final class Commit {
    private Commit() {}

    /** Moves a staged file to {@code target}, replacing a file there; creates missing parent folders. */
    public static void file(Path root, Path staged, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.conflict(
                    "\"" + root.relativize(target) + "\" is a folder; upload a zip to change a folder");
        }
        createFolders(root, target.getParent());
        move(staged, target);
    }

    /**
     * Moves the staged tree's contents into {@code target}.
     *
     * @param clean empty {@code target} first (staging folders are kept)
     * @return the number of files moved
     */
    public static long tree(Path root, Path tree, Path target, boolean clean) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                folders.add(tree.relativize(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(tree.relativize(file));
                return FileVisitResult.CONTINUE;
            }
        });
        if (!clean) {
            for (Path rel : files) {
                Path dest = target.resolve(rel.toString());
                TaskFileResolver.checkInside(root, dest);
                if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                    throw ApiException.conflict("zip entry \"" + rel + "\" would replace a folder; use clean=true");
                }
            }
        }
        createFolders(root, target);
        if (clean) {
            Trees.empty(target, Staging::isStaging);
        }
        for (Path rel : folders) {
            createFolders(root, target.resolve(rel.toString()));
        }
        for (Path rel : files) {
            move(tree.resolve(rel), target.resolve(rel.toString()));
        }
        return files.size();
    }

    /** Creates the folders from the task root down to {@code dir}, refusing links that lead out. */
    static void createFolders(Path root, Path dir) throws IOException {
        Path rel = root.relativize(dir);
        Path current = root;
        for (Path segment : rel) {
            if (segment.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(segment.toString());
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current)) {
                throw ApiException.conflict("\"" + root.relativize(current) + "\" is a file, not a folder");
            }
            if (!Files.exists(current)) {
                Files.createDirectory(current);
            }
            TaskFileResolver.checkInside(root, current);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
