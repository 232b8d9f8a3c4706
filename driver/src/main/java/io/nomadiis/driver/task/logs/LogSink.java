package io.nomadiis.driver.task.logs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A task's stdout or stderr sink opened for writing without ever blocking on the open: a Unix FIFO is
 * opened read-write (an open for writing only would wait for a reader), a Windows named pipe as a
 * client, a regular file for appending. Writes of one chunk up to {@value #ATOMIC_CHUNK} bytes are
 * not interleaved with other writers of the FIFO.
 *
 * <p>Threads: written by the task's log forwarding on the driver's {@code iis-task-driver-*} scheduler and
 * closed by the thread that tears the task down (gRPC call executor or watcher); writes and close are
 * serialised by this object's monitor.
 */
public final class LogSink implements AutoCloseable {

    /** The largest write a pipe keeps in one piece (POSIX {@code PIPE_BUF}). */
    public static final int ATOMIC_CHUNK = 4096;

    @GuardedBy("this")
    private final FileChannel channel;

    private LogSink(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the sink; a path that does not exist is created as a regular file. */
    public static LogSink open(Path path) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            return new LogSink(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }
        return new LogSink(
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Writes the bytes in chunks that end at line breaks where possible. */
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int chunkEnd = Math.min(end, pos + ATOMIC_CHUNK);
            if (chunkEnd < end) {
                int lastNewline = lastNewline(bytes, pos, chunkEnd);
                if (lastNewline > pos) {
                    chunkEnd = lastNewline + 1;
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, pos, chunkEnd - pos);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            pos = chunkEnd;
        }
    }

    private static int lastNewline(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
