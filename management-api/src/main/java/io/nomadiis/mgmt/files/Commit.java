package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Swaps a complete, validated upload from its staging folder into place by renames between open
 * folders ({@link TaskFolder}: no link on the way is followed), after checking every destination
 * first, so a refused destination changes nothing. Replaced files are overwritten (never appended
 * to); folders are merged, or replaced with {@code clean}. Cost is linear in the staged entries.
 *
 * <p>Runs on an API worker thread while the task's file lock is held.
 */
public final class Commit {
    private Commit() {}

    /**
     * Moves the staged file {@code stagedName} of {@code staging} to the path {@code segments}
     * under {@code root}, replacing a file (or link) there; creates missing parent folders.
     */
    public static void file(TaskFolder root, TaskFolder staging, String stagedName, List<String> segments, String shown)
            throws IOException {
        String last = segments.get(segments.size() - 1);
        try (TaskFolder parent = TaskFolders.walk(root, segments.subList(0, segments.size() - 1), true, shown)) {
            if (parent.kind(last) == TaskFolder.Kind.FOLDER) {
                throw ApiException.conflict("\"" + shown + "\" is a folder; upload a zip to change a folder");
            }
            staging.move(stagedName, parent, last);
        }
    }

    /**
     * Moves the staged tree's contents into the folder at {@code segments}.
     *
     * @param clean empty the target first (children {@code keep} accepts stay, e.g. staging folders)
     * @return the number of files moved
     */
    public static long tree(
            TaskFolder root,
            TaskFolder tree,
            List<String> segments,
            String shown,
            boolean clean,
            Predicate<String> keep)
            throws IOException {
        try (TaskFolder target = TaskFolders.walk(root, segments, true, shown)) {
            if (clean) {
                Trees.empty(target, keep);
            } else {
                check(tree, target, "");
            }
            return merge(tree, target, "");
        }
    }

    /** Refuses, before anything moves, a staged file over a target folder or a staged folder over a file. */
    private static void check(TaskFolder staged, TaskFolder target, String prefix) throws IOException {
        for (String name : staged.list()) {
            TaskFolder.Kind mine = staged.kind(name);
            TaskFolder.Kind theirs = target.kind(name);
            if (theirs == TaskFolder.Kind.MISSING) {
                continue;
            }
            if (mine == TaskFolder.Kind.FOLDER) {
                if (theirs == TaskFolder.Kind.LINK) {
                    throw ApiException.forbidden("zip folder \"" + prefix + name
                            + "\" would be extracted through a symbolic link; links are not followed");
                }
                if (theirs != TaskFolder.Kind.FOLDER) {
                    throw ApiException.conflict("zip folder \"" + prefix + name + "\" would replace a file");
                }
                try (TaskFolder s = staged.open(name);
                        TaskFolder t = target.open(name)) {
                    check(s, t, prefix + name + "/");
                }
            } else if (theirs == TaskFolder.Kind.FOLDER) {
                throw ApiException.conflict(
                        "zip entry \"" + prefix + name + "\" would replace a folder; use clean=true");
            }
        }
    }

    private static long merge(TaskFolder staged, TaskFolder target, String prefix) throws IOException {
        long files = 0;
        for (String name : staged.list()) {
            if (staged.kind(name) == TaskFolder.Kind.FOLDER) {
                try (TaskFolder s = staged.open(name);
                        TaskFolder t = openOrCreate(target, name, prefix)) {
                    files += merge(s, t, prefix + name + "/");
                }
            } else {
                staged.move(name, target, name);
                files++;
            }
        }
        return files;
    }

    private static TaskFolder openOrCreate(TaskFolder target, String name, String prefix) throws IOException {
        try {
            return target.openOrCreate(name);
        } catch (LinkRefusedException e) {
            throw ApiException.forbidden("zip folder \"" + prefix + name
                    + "\" would be extracted through a symbolic link; links are not followed");
        } catch (NotDirectoryException e) {
            throw ApiException.conflict("zip folder \"" + prefix + name + "\" would replace a file");
        }
    }
}
