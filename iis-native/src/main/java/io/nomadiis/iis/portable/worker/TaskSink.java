package io.nomadiis.iis.portable.worker;

import io.nomadiis.build.SuppressForbidden;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One of the task's output sinks (stdout or stderr), written without ever blocking the writer.
 * In production the sink is a Nomad FIFO, and opening a FIFO for writing blocks until a reader
 * exists; so a daemon thread opens the path and drains a bounded queue of chunks into it. While no
 * reader exists, the queue holds up to {@value #MAX_CHUNKS} chunks and then drops new output rather
 * than stall the worker. Regular files and {@code /dev/null} work the same way. When writing fails (the reader is
 * gone, or the FIFO was replaced) the path is opened again.
 */
public final class TaskSink {
    private static final int MAX_CHUNKS = 4096;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(MAX_CHUNKS);
    private final Path path;

    private TaskSink(Path path) {
        this.path = path;
    }

    /** A sink writing to {@code path}; a null path discards everything. */
    public static TaskSink open(Path path, String name) {
        TaskSink sink = new TaskSink(path);
        if (path != null) {
            new NamedThreadFactory("task-sink-" + name).newThread(sink::drain).start();
        }
        return sink;
    }

    /** Queues a copy of the bytes; never blocks. */
    public void write(byte[] bytes, int offset, int length) {
        if (path != null && length > 0) {
            byte[] chunk = new byte[length];
            System.arraycopy(bytes, offset, chunk, 0, length);
            queue.offer(chunk);
        }
    }

    /** Queues one line of text. */
    public void line(String text) {
        byte[] bytes = (text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    /** Waits up to {@code millis} for queued output to be written (best effort, at shutdown). */
    public void flush(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!queue.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressForbidden(
            reason = "the pool worker is its own process; its stderr is the pool log the portable service appends to")
    private void drain() {
        byte[] pending = null;
        long backoff = 1000;
        while (true) {
            try (OutputStream out = new FileOutputStream(path.toFile(), true)) {
                while (true) {
                    byte[] chunk = pending != null ? pending : queue.poll(1, TimeUnit.SECONDS);
                    if (chunk != null) {
                        pending = chunk;
                        out.write(chunk);
                        out.flush();
                        pending = null;
                        backoff = 1000;
                    }
                }
            } catch (IOException e) {
                // the reader went away (or the FIFO was replaced): open the path again after a pause
                System.err.println("task sink " + path + " failed, reopening: " + e.getMessage());
                pending = null;
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
