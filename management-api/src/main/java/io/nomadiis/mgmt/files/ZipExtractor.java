package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a received ZIP file into an empty staging folder, refusing what could escape it or
 * blow up: entries with rooted, drive-rooted or {@code ..} names (403), more entries than allowed,
 * more uncompressed bytes than allowed, or an entry whose real uncompressed size exceeds the
 * ratio limit (413). Sizes are counted while inflating, never taken from the headers. A file
 * that is not a ZIP, or a truncated one, is refused with 400.
 */
public final class ZipExtractor {
    private static final int COPY_BUFFER = 64 * 1024;

    private final Limits limits;

    public ZipExtractor(Limits limits) {
        this.limits = limits;
    }

    /** What an extraction wrote. */
    public record Result(long files, long bytes) {}

    /** Extracts {@code zipFile} into {@code dest} (an empty folder). */
    public Result extract(Path zipFile, Path dest) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            if (zip.size() > limits.maxZipEntries()) {
                throw ApiException.tooLarge(
                        "zip has " + zip.size() + " entries, more than the limit of " + limits.maxZipEntries());
            }
            long files = 0;
            long total = 0;
            byte[] buffer = new byte[COPY_BUFFER];
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = entryPath(dest, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(
                                target,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE)) {
                    total += copy(entry, in, out, buffer, total);
                }
                files++;
            }
            return new Result(files, total);
        } catch (ZipException e) {
            throw ApiException.badRequest("body is not a valid zip: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw ApiException.badRequest("zip is truncated: " + e.getMessage());
        }
    }

    private long copy(ZipEntry entry, InputStream in, OutputStream out, byte[] buffer, long totalBefore)
            throws IOException {
        long written = 0;
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long ratioCap = Math.max(Limits.RATIO_FLOOR_BYTES, compressed * limits.maxCompressionRatio());
        int n;
        while ((n = in.read(buffer)) > 0) {
            written += n;
            if (totalBefore + written > limits.maxUncompressedBytes()) {
                throw ApiException.tooLarge(
                        "zip expands to more than the limit of " + limits.maxUncompressedBytes() + " bytes");
            }
            if (written > ratioCap) {
                throw ApiException.tooLarge("zip entry \"" + entry.getName() + "\" expands more than "
                        + limits.maxCompressionRatio() + " times its compressed size");
            }
            out.write(buffer, 0, n);
        }
        return written;
    }

    /** The destination of an entry; 403 for names that are rooted or climb out. */
    static Path entryPath(Path dest, String name) {
        List<String> segments;
        try {
            segments = TaskFileResolver.segments(name);
        } catch (ApiException e) {
            throw ApiException.forbidden("zip entry \"" + name + "\" is refused: " + e.getMessage());
        }
        if (segments.isEmpty()) {
            throw ApiException.forbidden("zip entry \"" + name + "\" has an empty name");
        }
        Path target = dest;
        for (String s : segments) {
            try {
                target = target.resolve(s);
            } catch (java.nio.file.InvalidPathException e) {
                throw ApiException.badRequest(
                        "zip entry \"" + name + "\" is not a valid file name here: " + e.getReason());
            }
        }
        if (!target.normalize().startsWith(dest)) {
            throw ApiException.forbidden("zip entry \"" + name + "\" leaves the target folder");
        }
        return target;
    }
}
