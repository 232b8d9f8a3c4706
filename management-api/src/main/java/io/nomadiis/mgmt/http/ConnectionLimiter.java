package io.nomadiis.mgmt.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open management connections, in total and per remote address. A connection past the
 * total cap is closed as soon as it is accepted (nothing of it is read); one past the per-client
 * cap is marked, and {@link RequestHandler} answers its first request 503 with
 * {@code Retry-After} and closes it. Shared by every connection of one server; called on the
 * event loops.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ConnectionLimiter.class.getName());
    private static final AttributeKey<Boolean> OVER_CLIENT_CAP = AttributeKey.valueOf("mgmt.overClientCap");
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("mgmt.counted");

    private final ConnectionPolicy policy;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(ConnectionPolicy policy) {
        this.policy = policy;
    }

    /** Whether the channel was opened past its client's connection cap. */
    static boolean isOverClientCap(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(OVER_CLIENT_CAP).get());
    }

    /** Open connections now (for tests and logs). */
    public int open() {
        return total.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress client = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        int now = total.incrementAndGet();
        AtomicInteger mine =
                client == null ? new AtomicInteger() : perClient.computeIfAbsent(client, c -> new AtomicInteger());
        int fromClient = mine.incrementAndGet();
        ctx.channel().attr(COUNTED).set(client);
        if (now > policy.maxConnections()) {
            LOG.log(Level.DEBUG, "management api connection refused: " + now + " connections open");
            ctx.close();
            return;
        }
        if (fromClient > policy.maxConnectionsPerClient()) {
            ctx.channel().attr(OVER_CLIENT_CAP).set(Boolean.TRUE);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().hasAttr(COUNTED)) {
            InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
            total.decrementAndGet();
            if (client != null) {
                perClient.computeIfPresent(client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
        ctx.fireChannelInactive();
    }
}
