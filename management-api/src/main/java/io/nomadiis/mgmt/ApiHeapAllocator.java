package io.nomadiis.mgmt;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * The management API's buffer allocator: every buffer, including the ones Netty asks for as
 * "direct" or "io" buffers, lives on the Java heap and is freed by the garbage collector. So the
 * API never draws on Netty's direct-memory budget ({@code -XX:MaxDirectMemorySize}, shared with
 * the gRPC server), and a flood of API connections cannot starve a Nomad RPC of buffers; what the
 * API holds is bounded by {@link io.nomadiis.mgmt.http.ConnectionPolicy}. Socket writes of heap
 * buffers go through the JDK's small per-thread direct buffer cache. Thread-safe.
 */
final class ApiHeapAllocator extends AbstractByteBufAllocator {
    static final ApiHeapAllocator INSTANCE = new ApiHeapAllocator();

    private ApiHeapAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    /** A heap buffer: the API holds no direct memory. */
    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
