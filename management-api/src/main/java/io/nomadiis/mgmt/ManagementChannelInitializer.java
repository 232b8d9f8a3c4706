package io.nomadiis.mgmt;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.nomadiis.mgmt.http.ApiContext;
import io.nomadiis.mgmt.http.RequestHandler;

/**
 * Builds each connection's pipeline: TLS (optional), the HTTP/1.1 codec, a read-idle timer, then
 * the request handler (which answers {@code Expect: 100-continue} only once the request is
 * admitted). No aggregator: bodies are streamed.
 */
final class ManagementChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 32 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final SslContext ssl;
    private final ApiContext api;

    ManagementChannelInitializer(SslContext ssl, ApiContext api) {
        this.ssl = ssl;
        this.api = api;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc()));
        }
        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK));
        p.addLast("idle", new IdleStateHandler(api.limits().idleSeconds(), 0, 0));
        p.addLast("api", new RequestHandler(api));
    }
}
