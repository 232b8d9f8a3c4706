package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a folder as a ZIP to a stream while walking it, with the fastest compression. Empty
 * folders get entries; links are followed only when they lead to a file inside the task
 * directory, and skipped otherwise. Memory use does not depend on the folder's size.
 */
public final class FolderZipper {
    private static final int COPY_BUFFER = 64 * 1024;

    private FolderZipper() {}

    /**
     * @param folder the folder to zip (entries are relative to it)
     * @param rootReal the task directory's real path (links must stay inside it)
     * @param skip children to leave out (e.g. in-flight upload staging)
     * @param out where the ZIP goes; not closed
     * @return the number of file entries written
     */
    public static long zip(Path folder, Path rootReal, Predicate<Path> skip, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        byte[] buffer = new byte[COPY_BUFFER];
        long[] files = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(folder)) {
                    if (skip.test(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    zip.putNextEntry(new ZipEntry(name(folder, dir) + "/"));
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (skip.test(file) || !(attrs.isRegularFile() || linkToFileInside(file, rootReal))) {
                    return FileVisitResult.CONTINUE;
                }
                ZipEntry entry = new ZipEntry(name(folder, file));
                entry.setTime(attrs.lastModifiedTime().toMillis());
                zip.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        zip.write(buffer, 0, n);
                    }
                }
                zip.closeEntry();
                files[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        zip.finish();
        return files[0];
    }

    private static boolean linkToFileInside(Path file, Path rootReal) {
        if (!Files.isSymbolicLink(file)) {
            return false;
        }
        try {
            Path real = file.toRealPath();
            return real.startsWith(rootReal) && Files.isRegularFile(real);
        } catch (IOException e) {
            return false;
        }
    }

    private static String name(Path folder, Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }
}
