package io.nomadiis.mgmt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A response body written from a worker thread as HTTP chunks. At most one chunk waits in
 * Netty's outbound buffer while the next fills, so a slow client slows the writer instead of
 * filling the heap. With a declared length it sends exactly that many bytes (see
 * {@link Exchange#stream}). Never used on the event loop (it blocks); one worker at a time.
 */
final class ChannelOutputStream extends OutputStream {
    static final int CHUNK_BYTES = 128 * 1024;

    private final Channel channel;
    private final long stallMillis;
    private final Consumer<ChannelFuture> onLastWrite;
    private final long declaredLength;
    private long written;
    private ByteBuf buffer;
    private ChannelFuture pending;
    private boolean closed;

    /**
     * @param stallMillis a chunk the client does not take within this time closes the connection
     * @param declaredLength the response's {@code Content-Length}, or -1 for a chunked response
     * @param onLastWrite receives the future of the final write (the response is then complete)
     */
    ChannelOutputStream(Channel channel, long stallMillis, long declaredLength, Consumer<ChannelFuture> onLastWrite) {
        this.channel = channel;
        this.stallMillis = stallMillis;
        this.declaredLength = declaredLength;
        this.onLastWrite = onLastWrite;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        ensureOpen();
        if (declaredLength >= 0) {
            len = (int) Math.min(len, declaredLength - written);
        }
        written += Math.max(len, 0);
        while (len > 0) {
            if (buffer == null) {
                buffer = channel.alloc().buffer(CHUNK_BYTES, CHUNK_BYTES);
            }
            int n = Math.min(len, buffer.writableBytes());
            buffer.writeBytes(bytes, off, n);
            off += n;
            len -= n;
            if (!buffer.isWritable()) {
                sendChunk();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        sendChunk();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        sendChunk();
        awaitPending();
        closed = true;
        if (declaredLength >= 0 && written < declaredLength) {
            channel.close();
            throw new IOException("response body ended after " + written + " of the " + declaredLength
                    + " bytes announced; connection closed");
        }
        onLastWrite.accept(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /** Drops unsent bytes without ending the response (the caller closes the connection). */
    void discard() {
        closed = true;
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    private void sendChunk() throws IOException {
        if (buffer == null || buffer.readableBytes() == 0) {
            return;
        }
        awaitPending();
        ByteBuf chunk = buffer;
        buffer = null;
        pending = channel.writeAndFlush(new DefaultHttpContent(chunk));
    }

    private void awaitPending() throws IOException {
        if (pending != null) {
            if (!pending.awaitUninterruptibly(stallMillis)) {
                channel.close();
                discard();
                throw new IOException("client connection closed: it took no data for " + stallMillis / 1000 + " s");
            }
            if (!pending.isSuccess()) {
                discard();
                throw new IOException("client connection closed while sending the response", pending.cause());
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("response stream is closed");
        }
        if (!channel.isActive()) {
            discard();
            throw new IOException("client connection closed while sending the response");
        }
    }
}
