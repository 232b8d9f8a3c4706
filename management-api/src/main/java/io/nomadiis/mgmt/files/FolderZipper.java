package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a folder as a ZIP to a stream while walking it through open folders ({@link TaskFolder}),
 * with the fastest compression. Empty folders get entries; symbolic links and junctions are left
 * out (never followed); each file contributes the bytes it had when it was opened, even if it grows
 * meanwhile. Memory use does not depend on the folder's size. Runs on an API worker thread.
 */
public final class FolderZipper {
    private FolderZipper() {}

    /**
     * @param folder the folder to zip (entries are relative to it)
     * @param skipTopLevel names directly in {@code folder} to leave out (in-flight staging, secrets)
     * @param out where the ZIP goes; not closed
     * @return the number of file entries written
     */
    public static long zip(TaskFolder folder, Predicate<String> skipTopLevel, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        long files = add(zip, folder, "", skipTopLevel);
        zip.finish();
        return files;
    }

    private static long add(ZipOutputStream zip, TaskFolder folder, String prefix, Predicate<String> skip)
            throws IOException {
        long files = 0;
        for (String name : folder.list()) {
            if (skip.test(name) || Staging.isStaging(name)) {
                continue;
            }
            Optional<BasicFileAttributes> attributes = folder.attributes(name);
            TaskFolder.Kind kind = TaskFolders.kindOf(attributes);
            if (kind == TaskFolder.Kind.FOLDER) {
                TaskFolder child;
                try {
                    child = folder.open(name);
                } catch (LinkRefusedException
                        | java.nio.file.NoSuchFileException
                        | java.nio.file.NotDirectoryException e) {
                    continue; // swapped or removed while we walked
                }
                try (child) {
                    zip.putNextEntry(new ZipEntry(prefix + name + "/"));
                    zip.closeEntry();
                    files += add(zip, child, prefix + name + "/", n -> false);
                }
            } else if (kind == TaskFolder.Kind.FILE) {
                FileChannel in;
                try {
                    in = folder.openFile(name, StandardOpenOption.READ);
                } catch (LinkRefusedException | java.nio.file.NoSuchFileException e) {
                    continue;
                }
                try (in) {
                    ZipEntry entry = new ZipEntry(prefix + name);
                    entry.setTime(attributes.get().lastModifiedTime().toMillis());
                    zip.putNextEntry(entry);
                    long size = in.size();
                    in.transferTo(0, size, Channels.newChannel(new NonClosing(zip)));
                    zip.closeEntry();
                    files++;
                }
            }
        }
        return files;
    }

    /** The zip stream handed to a channel wrapper that must not close it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {}
    }
}
