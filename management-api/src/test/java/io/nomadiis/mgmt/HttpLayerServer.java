package io.nomadiis.mgmt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.nomadiis.mgmt.auth.Authenticator;
import io.nomadiis.mgmt.http.ApiContext;
import io.nomadiis.mgmt.http.BodySink;
import io.nomadiis.mgmt.http.ConnectionPolicy;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import io.nomadiis.mgmt.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The management API's real HTTP layer (channel initializer, request handler, body streaming) on
 * 127.0.0.1:0, serving a few routes made for exercising it: {@code GET /t/hello}, {@code GET
 * /t/block} (waits until {@link #release} opens), {@code GET /t/grow?n=N} (announces N bytes and
 * writes 2N, as a file that grows while it is sent), {@code GET /t/short?n=N} (announces N, writes
 * N/2) and {@code PUT /t/upload} (a body sink that records how it ended in {@link #sinkEvents}).
 */
final class HttpLayerServer implements AutoCloseable {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger blocked = new AtomicInteger();
    final List<String> sinkEvents = new CopyOnWriteArrayList<>();
    final ExecutorService workers;
    private final EventLoopGroup group;
    private final Channel channel;

    HttpLayerServer(ExecutorService workers, ConnectionPolicy policy) throws InterruptedException {
        this.workers = workers;
        Router router = new Router(List.of(
                route("GET", "/t/hello", ex -> ex.sendText(200, "hello")),
                route("GET", "/t/block", ex -> {
                    blocked.incrementAndGet();
                    release.await();
                    ex.sendText(200, "released");
                }),
                route("GET", "/t/grow", ex -> {
                    int n = ex.queryInt("n", 10, 1, 1 << 20);
                    try (OutputStream out = ex.stream(200, "application/octet-stream", n, Map.of())) {
                        out.write("a".repeat(2 * n).getBytes(StandardCharsets.US_ASCII));
                    }
                }),
                route("GET", "/t/short", ex -> {
                    int n = ex.queryInt("n", 10, 2, 1 << 20);
                    try (OutputStream out = ex.stream(200, "application/octet-stream", n, Map.of())) {
                        out.write("b".repeat(n / 2).getBytes(StandardCharsets.US_ASCII));
                    }
                }),
                new Route("PUT", "/t/upload", null, false, null, RecordingSink::new, "upload", "text/plain")));
        ApiContext api = new ApiContext(
                router,
                new Authenticator(ApiFixture.API_KEY, null, false),
                new TestTasks(),
                workers,
                Limits.defaults().withIdleSeconds(30),
                policy);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOCATOR, ApiHeapAllocator.INSTANCE)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ManagementChannelInitializer(null, api))
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    private static Route route(String method, String path, Route.RouteHandler handler) {
        return new Route(method, path, null, false, handler, null, path, "text/plain");
    }

    /** Records the body and how it ended: {@code complete:<bytes>} or {@code abort:<bytes>}. */
    private final class RecordingSink implements BodySink {
        private final Exchange exchange;
        private long bytes;

        RecordingSink(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void write(ByteBuffer b) {
            bytes += b.remaining();
            b.position(b.limit());
        }

        @Override
        public void complete() {
            sinkEvents.add("complete:" + bytes);
            exchange.sendText(200, "stored " + bytes);
        }

        @Override
        public void abort() {
            sinkEvents.add("abort:" + bytes);
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port());
        s.setSoTimeout(20_000);
        return s;
    }

    /** Sends the bytes and reads until the server closes (or 20 s pass without data). */
    String exchange(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            out.write("<timeout>".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            out.write("<reset>".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        release.countDown();
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownNow();
    }
}
