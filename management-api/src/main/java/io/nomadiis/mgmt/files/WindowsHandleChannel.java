package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel over a Windows file handle that {@link WindowsHandleFolder} opened and verified:
 * every read and write is a {@code ReadFile}/{@code WriteFile} at an explicit offset on that
 * handle, so the bytes come from and go to the object that was checked, whatever happens to its
 * name. Memory mapping and locks are not offered (the management API uses neither).
 *
 * <p>Called on API worker threads; safe for use by several threads (the position is guarded).
 */
final class WindowsHandleChannel extends FileChannel {
    private static final int CHUNK = 64 << 10;

    private final WindowsFileApi api;
    private final long handle;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private long position;

    WindowsHandleChannel(WindowsFileApi api, long handle, boolean readable, boolean writable, boolean append) {
        this.api = api;
        this.handle = handle;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    private void ensureReadable() throws IOException {
        ensureOpen();
        if (!readable) {
            throw new NonReadableChannelException();
        }
    }

    private void ensureWritable() throws IOException {
        ensureOpen();
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position");
        }
        ensureReadable();
        if (!dst.hasRemaining()) {
            return 0;
        }
        byte[] buf = new byte[Math.min(dst.remaining(), CHUNK)];
        int n = api.read(handle, at, buf, 0, buf.length);
        if (n > 0) {
            dst.put(buf, 0, n);
        }
        return n;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        if (append) {
            position = size();
        }
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                total += write(srcs[i]);
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
        if (at < 0) {
            throw new IllegalArgumentException("negative position");
        }
        ensureWritable();
        int written = 0;
        byte[] buf = new byte[Math.min(src.remaining(), CHUNK)];
        while (src.hasRemaining()) {
            int len = Math.min(src.remaining(), buf.length);
            int start = src.position();
            src.get(buf, 0, len);
            int n = api.write(handle, at + written, buf, 0, len);
            src.position(start + n);
            written += n;
            if (n < len) {
                break;
            }
        }
        return written;
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return api.info(handle).size();
    }

    @Override
    public synchronized FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        ensureWritable();
        if (size < size()) {
            api.setLength(handle, size);
        }
        if (position > size) {
            position = size;
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        if (writable) {
            api.flush(handle);
        }
    }

    @Override
    public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
        ensureReadable();
        long sent = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(count, 1)));
        while (sent < count) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), count - sent));
            int n = read(buf, at + sent);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            sent += n;
        }
        return sent;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
        ensureWritable();
        long received = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(count, 1)));
        while (received < count) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), count - received));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                received += write(buf, at + received);
            }
        }
        return received;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("memory mapping is not offered on task files");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("locks are not offered on task files");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("locks are not offered on task files");
    }

    @Override
    protected void implCloseChannel() {
        api.close(handle);
    }
}
