package io.nomadiis.mgmt.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.nomadiis.log.LogField;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open management connections: in total, and per remote address those that have not yet
 * made an authenticated request. A connection past the total cap is closed as soon as it is
 * accepted (nothing of it is read); one past its client's cap of unauthenticated connections is
 * marked, and {@link RequestHandler} answers its first request 503 with {@code Retry-After} and
 * closes it. A connection leaves its client's count once a request on it authenticates (so a
 * client's idle keep-alive connections never lock it out). Shared by every connection of one
 * server; called on the event loops.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ConnectionLimiter.class.getName());
    private static final AttributeKey<Boolean> OVER_CLIENT_CAP = AttributeKey.valueOf("mgmt.overClientCap");
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("mgmt.counted");
    private static final AttributeKey<Runnable> RELEASE_CLIENT_SLOT = AttributeKey.valueOf("mgmt.releaseClientSlot");

    private final ConnectionPolicy policy;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(ConnectionPolicy policy) {
        this.policy = requireNonNull(policy, "policy");
    }

    /** Whether the channel was opened past its client's connection cap. */
    static boolean isOverClientCap(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(OVER_CLIENT_CAP).get());
    }

    /** The connection made an authenticated request: it no longer counts against its client's cap. */
    static void authenticated(Channel channel) {
        Runnable release = channel.attr(RELEASE_CLIENT_SLOT).getAndSet(null);
        if (release != null) {
            release.run();
        }
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
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        ctx.channel().attr(RELEASE_CLIENT_SLOT).set(() -> release(client, mine));
        if (now > policy.maxConnections()) {
            LOG.log(
                    Level.DEBUG,
                    "management api connection refused: too many connections open",
                    LogField.of("connections", now));
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
        if (Boolean.TRUE.equals(ctx.channel().attr(COUNTED).getAndSet(null))) {
            total.decrementAndGet();
            authenticated(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    private void release(InetAddress client, AtomicInteger count) {
        if (client == null) {
            return;
        }
        perClient.computeIfPresent(client, (c, n) -> {
            if (n != count) {
                return n;
            }
            return n.decrementAndGet() <= 0 ? null : n;
        });
    }
}
