package io.nomadiis.mgmt;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.nomadiis.mgmt.http.ApiContext;
import io.nomadiis.mgmt.http.ConnectionLimiter;
import io.nomadiis.mgmt.http.ConnectionPolicy;
import io.nomadiis.mgmt.http.RequestHandler;

/**
 * Builds each connection's pipeline: the connection counter, TLS (optional), the HTTP/1.1 codec
 * (request line and header limits of the {@link ConnectionPolicy}), a read-idle timer, then the
 * request handler (which answers {@code Expect: 100-continue} only once the request is admitted).
 * No aggregator: bodies are streamed.
 */
final class ManagementChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_CHUNK = 64 * 1024;

    private final SslContext ssl;
    private final ApiContext api;
    private final ConnectionLimiter limiter;

    ManagementChannelInitializer(SslContext ssl, ApiContext api) {
        this.ssl = ssl;
        this.api = api;
        this.limiter = new ConnectionLimiter(api.connections());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("limit", limiter);
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
        }
        p.addLast(
                "http",
                new HttpServerCodec(
                        api.connections().maxInitialLineBytes(),
                        api.connections().maxHeaderBytes(),
                        MAX_CHUNK));
        p.addLast("idle", new IdleStateHandler(api.limits().idleSeconds(), 0, 0));
        p.addLast("api", new RequestHandler(api));
    }
}
