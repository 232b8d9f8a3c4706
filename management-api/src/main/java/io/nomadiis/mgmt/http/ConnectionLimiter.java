package io.nomadiis.mgmt.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.nomadiis.log.LogField;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open management connections: in total, and per remote address those that have not yet
 * made an authenticated request. A connection past the total cap is answered at once, before
 * anything of it is parsed: a fixed 503 with {@code Retry-After} on plain HTTP, then its output is
 * shut, what it sends is dropped, and it is closed when the client closes it or after
 * {@link #REFUSED_LINGER_MS}, so the answer is not lost to a reset; on TLS it is closed (an
 * answer would cost a handshake). One past its client's cap of unauthenticated connections is
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
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("mgmt.refused");
    /** How long a refused connection may stay open while its answer reaches the client. */
    static final long REFUSED_LINGER_MS = 1000;

    private static final byte[] BUSY = busyResponse();

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
            refuse(ctx);
            return;
        }
        if (fromClient > policy.maxConnectionsPerClient()) {
            ctx.channel().attr(OVER_CLIENT_CAP).set(Boolean.TRUE);
        }
        ctx.fireChannelActive();
    }

    private static void refuse(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(SslHandler.class) != null || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        ctx.channel().attr(REFUSED).set(Boolean.TRUE);
        ctx.channel().config().setAutoRead(true); // the server reads on demand; a refused client is drained
        ctx.writeAndFlush(Unpooled.wrappedBuffer(BUSY)).addListener(written -> {
            if (!written.isSuccess()) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), REFUSED_LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    /** What a refused connection sends is read and dropped (never parsed), until the client closes. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static byte[] busyResponse() {
        byte[] body = "{\"error\":\"too many connections to the management api; retry later\"}"
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Retry-After: " + ApiException.RETRY_AFTER_SECONDS + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
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
