package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts a received ZIP (read from the staged body's open channel) into an empty staging folder,
 * refusing what could escape it or blow up: entries with rooted, drive-rooted or {@code ..} names
 * (403); more entries than allowed, deeper than {@link Limits#MAX_ZIP_DEPTH}, more uncompressed
 * bytes than allowed, more than the ratio limit times the whole zip's size (at least
 * {@link Limits#RATIO_FLOOR_BYTES}, so no entry size escapes it), or an entry over the ratio limit
 * itself (413). Sizes are counted while inflating, never taken from the headers. A body that is not
 * a ZIP, or a file and a folder with the same name, is refused with 400.
 *
 * <p>Cost is linear in entries and bytes: each entry opens at most {@code MAX_ZIP_DEPTH} folders
 * (none when it is in the same folder as the previous entry). Runs on an API worker thread.
 */
public final class ZipExtractor {
    private static final int COPY_BUFFER = 64 * 1024;

    private final Limits limits;

    public ZipExtractor(Limits limits) {
        this.limits = limits;
    }

    /** What an extraction wrote. */
    public record Result(long files, long bytes) {}

    /** Extracts the zip read from {@code zipBody} into {@code dest} (an empty folder). */
    public Result extract(SeekableByteChannel zipBody, TaskFolder dest) throws IOException {
        long zipSize = zipBody.size();
        long totalCap = Math.min(
                limits.maxUncompressedBytes(),
                Math.max(Limits.RATIO_FLOOR_BYTES, multiplyCapped(zipSize, limits.maxCompressionRatio())));
        ZipFile zip;
        try {
            zipBody.position(0);
            zip = ZipFile.builder()
                    .setSeekableByteChannel(new Unclosable(zipBody))
                    .setIgnoreLocalFileHeader(false)
                    .get();
        } catch (IOException e) {
            throw ApiException.badRequest("body is not a valid zip: " + e.getMessage());
        }
        try (zip;
                ParentCache parents = new ParentCache(dest)) {
            List<ZipArchiveEntry> entries = new ArrayList<>();
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements()) {
                entries.add(all.nextElement());
                if (entries.size() > limits.maxZipEntries()) {
                    throw ApiException.tooLarge("zip has more entries than the limit of " + limits.maxZipEntries());
                }
            }
            long files = 0;
            long total = 0;
            byte[] buffer = new byte[COPY_BUFFER];
            for (ZipArchiveEntry entry : entries) {
                List<String> segments = segments(entry.getName());
                boolean folder = entry.isDirectory();
                TaskFolder parent = parents.folderFor(entry.getName(), segments.subList(0, segments.size() - 1));
                String last = segments.get(segments.size() - 1);
                TaskFolder.Kind existing = parent.kind(last);
                if (folder) {
                    if (existing == TaskFolder.Kind.FILE) {
                        throw sameName(entry.getName());
                    }
                    parent.openOrCreate(last).close();
                    continue;
                }
                if (existing == TaskFolder.Kind.FOLDER) {
                    throw sameName(entry.getName());
                }
                InputStream in;
                try {
                    in = zip.getInputStream(entry);
                } catch (IOException e) {
                    throw ApiException.badRequest(
                            "zip entry \"" + entry.getName() + "\" cannot be read: " + e.getMessage());
                }
                try (in;
                        FileChannel out = parent.openFile(
                                last,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE)) {
                    total += copy(entry, in, out, buffer, total, totalCap, zipSize);
                }
                files++;
            }
            return new Result(files, total);
        }
    }

    private long copy(
            ZipArchiveEntry entry,
            InputStream in,
            FileChannel out,
            byte[] buffer,
            long totalBefore,
            long totalCap,
            long zipSize)
            throws IOException {
        long written = 0;
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long ratioCap = Math.max(Limits.RATIO_FLOOR_BYTES, multiplyCapped(compressed, limits.maxCompressionRatio()));
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw ApiException.badRequest(
                        "zip entry \"" + entry.getName() + "\" is corrupt or truncated: " + e.getMessage());
            }
            if (n < 0) {
                return written;
            }
            written += n;
            if (totalBefore + written > limits.maxUncompressedBytes()) {
                throw ApiException.tooLarge(
                        "zip expands to more than the limit of " + limits.maxUncompressedBytes() + " bytes");
            }
            if (totalBefore + written > totalCap) {
                throw ApiException.tooLarge("zip expands to more than " + limits.maxCompressionRatio()
                        + " times its size of " + zipSize + " bytes");
            }
            if (written > ratioCap) {
                throw ApiException.tooLarge("zip entry \"" + entry.getName() + "\" expands more than "
                        + limits.maxCompressionRatio() + " times its compressed size");
            }
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    private static ApiException sameName(String entry) {
        return ApiException.badRequest(
                "zip entry \"" + entry + "\" has the same name as another entry's file or folder");
    }

    /** The validated segments of an entry name; 403 for names that are rooted or climb out. */
    static List<String> segments(String name) {
        List<String> segments;
        try {
            segments = TaskFileResolver.segments(name);
        } catch (ApiException e) {
            throw ApiException.forbidden("zip entry \"" + name + "\" is refused: " + e.getMessage());
        }
        if (segments.isEmpty()) {
            throw ApiException.forbidden("zip entry \"" + name + "\" has an empty name");
        }
        if (segments.size() > Limits.MAX_ZIP_DEPTH) {
            throw ApiException.tooLarge("zip entry \"" + abbreviate(name) + "\" is nested deeper than "
                    + Limits.MAX_ZIP_DEPTH + " folders");
        }
        for (String s : segments) {
            TaskFileResolver.checkSegment(name, s);
        }
        return segments;
    }

    private static String abbreviate(String name) {
        return name.length() <= 120 ? name : name.substring(0, 120) + "...";
    }

    private static long multiplyCapped(long a, long b) {
        long r = a * b;
        return (a != 0 && r / a != b) ? Long.MAX_VALUE : r;
    }

    /**
     * The open folders of the previous entry's parent path, so consecutive entries of one folder
     * open nothing and any entry opens at most its depth.
     */
    private static final class ParentCache implements AutoCloseable {
        private final TaskFolder root;
        private final List<String> names = new ArrayList<>();
        private final List<TaskFolder> open = new ArrayList<>();

        ParentCache(TaskFolder root) {
            this.root = root;
        }

        TaskFolder folderFor(String entry, List<String> path) throws IOException {
            int common = 0;
            while (common < names.size()
                    && common < path.size()
                    && names.get(common).equals(path.get(common))) {
                common++;
            }
            while (open.size() > common) {
                open.remove(open.size() - 1).close();
                names.remove(names.size() - 1);
            }
            for (int i = common; i < path.size(); i++) {
                TaskFolder parent = open.isEmpty() ? root : open.get(open.size() - 1);
                TaskFolder next;
                try {
                    next = parent.openOrCreate(path.get(i));
                } catch (java.nio.file.NotDirectoryException e) {
                    throw sameName(entry);
                }
                open.add(next);
                names.add(path.get(i));
            }
            return open.isEmpty() ? root : open.get(open.size() - 1);
        }

        @Override
        public void close() {
            for (TaskFolder f : open) {
                f.close();
            }
            open.clear();
            names.clear();
        }
    }

    /** The body channel handed to the zip reader, which must not close it. */
    private static final class Unclosable implements SeekableByteChannel {
        private final SeekableByteChannel inner;

        Unclosable(SeekableByteChannel inner) {
            this.inner = inner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return inner.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() {}
    }
}
