package io.nomadiis.driver.task.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Forwards the complete new lines of a task's log files (globs relative to the task directory, e.g.
 * {@code local/logs/*.log}; files may appear at any time) to the task's stdout sink. Read offsets are kept
 * in a JSON file, written after each forwarded batch, so after a plugin restart forwarding continues where
 * it stopped. A file that shrank is read again from the start. Not thread-safe: one caller polls.
 */
public final class LogFileForwarder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_READ = 1 << 20;
    private static final int MAX_DEPTH = 16;

    private final Path taskDir;
    private final List<PathMatcher> matchers = new ArrayList<>();
    private final Path offsetsFile;
    private final Map<String, Long> offsets;

    /**
     * @param taskDir the task directory the globs are relative to
     * @param globs the task's {@code log_files}
     * @param offsetsFile where offsets are persisted (its parent is created)
     */
    public LogFileForwarder(Path taskDir, List<String> globs, Path offsetsFile) throws IOException {
        this.taskDir = taskDir.toAbsolutePath().normalize();
        for (String glob : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace('\\', '/')));
        }
        this.offsetsFile = offsetsFile;
        this.offsets = readOffsets(offsetsFile);
    }

    /** Forwards what is new in every matching file; returns the number of bytes forwarded. */
    public long poll(LogSink sink) throws IOException {
        long forwarded = 0;
        boolean changed = false;
        for (Path file : matchingFiles()) {
            String key = taskDir.relativize(file).toString().replace('\\', '/');
            long offset = offsets.getOrDefault(key, 0L);
            long size = Files.size(file);
            if (size < offset) {
                offset = 0;
                changed = true;
            }
            if (size == offset) {
                continue;
            }
            byte[] chunk = read(file, offset, (int) Math.min(MAX_READ, size - offset));
            int complete = lastNewline(chunk) + 1;
            if (complete == 0) {
                continue;
            }
            sink.write(chunk, 0, complete);
            offsets.put(key, offset + complete);
            forwarded += complete;
            changed = true;
        }
        if (changed) {
            writeOffsets();
        }
        return forwarded;
    }

    /** The persisted offset of a file (relative to the task directory, {@code /}-separated). */
    public long offset(String relativePath) {
        return offsets.getOrDefault(relativePath, 0L);
    }

    /** Deletes the offsets file (the task is gone). */
    public void deleteOffsets() throws IOException {
        Files.deleteIfExists(offsetsFile);
    }

    private List<Path> matchingFiles() throws IOException {
        if (!Files.isDirectory(taskDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(taskDir, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        Path rel = Path.of(taskDir.relativize(p).toString().replace('\\', '/'));
                        return matchers.stream().anyMatch(m -> m.matches(rel));
                    })
                    .sorted()
                    .toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static byte[] read(Path file, long offset, int length) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            ch.position(offset);
            try (InputStream in = Channels.newInputStream(ch)) {
                return in.readNBytes(length);
            }
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Long> readOffsets(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Long>>() {}));
    }

    private void writeOffsets() throws IOException {
        Files.createDirectories(offsetsFile.toAbsolutePath().getParent());
        Path tmp = offsetsFile.resolveSibling(offsetsFile.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(offsets));
        try {
            Files.move(tmp, offsetsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, offsetsFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
