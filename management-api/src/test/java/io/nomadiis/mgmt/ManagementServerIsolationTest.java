package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.PlatformDependent;
import io.nomadiis.mgmt.http.ConnectionPolicy;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the API may cost the rest of the plugin (issue 10 item 2): it never runs on the gRPC
 * server's event loops, holds no direct memory for its connections, and bounds what an
 * unauthenticated connection may hold (time to its first request, connections in total and per
 * client).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManagementServerIsolationTest {
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    private ApiFixture fixture() throws Exception {
        ApiFixture api = ApiFixture.onIisDouble(Limits.defaults());
        closeLater.add(0, api);
        return api;
    }

    /** A server of the fixture's task with another connection policy (the fixture's own server stays idle). */
    private ManagementServer serverWith(ApiFixture api, ConnectionPolicy policy) throws Exception {
        ManagementServer server = new ManagementServer(
                        ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withAddress("127.0.0.1"),
                        api.tasks,
                        api.host,
                        null)
                .connectionPolicy(policy);
        server.start();
        closeLater.add(0, server);
        return server;
    }

    private static Socket connect(ManagementServer server) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(20_000);
        return s;
    }

    private static String statusRequest() {
        return "GET /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/status HTTP/1.1\r\nHost: x\r\n"
                + "X-Api-Key: " + ApiFixture.API_KEY + "\r\nConnection: close\r\n\r\n";
    }

    @Test
    void aBlockedGrpcEventLoop_doesNotStopTheApi() throws Exception {
        ApiFixture api = fixture();
        EventLoopGroup grpcLoops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CountDownLatch release = new CountDownLatch(1);
        closeLater.add(() -> {
            release.countDown();
            grpcLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        });
        grpcLoops.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ManagementServer server = new ManagementServer(
                ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withAddress("127.0.0.1"),
                api.tasks,
                api.host,
                grpcLoops);
        server.start();
        closeLater.add(0, server);
        HttpResponse<String> r = api.send(api.request("http://127.0.0.1:" + server.port() + "/api/v1/allocs/"
                        + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/status")
                .header("X-Api-Key", ApiFixture.API_KEY)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aFloodOfPartialRequests_holdsNoDirectMemory() throws Exception {
        ApiFixture api = fixture();
        List<Socket> flood = new ArrayList<>();
        try {
            Socket warm = new Socket(InetAddress.getLoopbackAddress(), api.server.port());
            flood.add(warm);
            warm.getOutputStream().write("GET /api/v1/status HTTP/1.1\r\nX-Pad: ".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            long before = directMemoryInUse();
            byte[] partial = ("GET /api/v1/allocs/x/y/status HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(6000))
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port());
                flood.add(s);
                s.getOutputStream().write(partial);
            }
            Thread.sleep(1500);
            long grown = directMemoryInUse() - before;
            assertThat(grown).as("direct memory grown by the flood").isLessThan(1L << 20);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    /** Direct memory in use: the JDK's direct buffer pool plus what Netty counts for its cleaner-less buffers. */
    private static long directMemoryInUse() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return jdk + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    @Test
    void aConnectionThatTricklesItsFirstRequest_isClosedAtTheDeadline() throws Exception {
        ManagementServer server =
                serverWith(fixture(), ConnectionPolicy.defaults().withFirstRequestMillis(500));
        try (Socket s = connect(server)) {
            s.getOutputStream().write("GET /api/v1/al".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            assertThat(HttpLayerServer.readAll(s.getInputStream())).isEmpty();
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
        try (Socket s = connect(server)) {
            s.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
            assertThat(HttpLayerServer.readAll(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void connectionsPastTheClientCap_get503WithRetryAfter() throws Exception {
        ManagementServer server =
                serverWith(fixture(), ConnectionPolicy.defaults().withConnectionCaps(100, 2));
        try (Socket a = connect(server);
                Socket b = connect(server);
                Socket c = connect(server)) {
            c.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
            assertThat(HttpLayerServer.readAll(c.getInputStream()))
                    .startsWith("HTTP/1.1 503")
                    .contains("Retry-After: 1");
            a.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
            assertThat(HttpLayerServer.readAll(a.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void authenticatedKeepAliveConnections_doNotCountAgainstTheClientCap() throws Exception {
        ManagementServer server =
                serverWith(fixture(), ConnectionPolicy.defaults().withConnectionCaps(100, 2));
        String keepAlive = statusRequest().replace("Connection: close\r\n", "");
        try (Socket a = connect(server);
                Socket b = connect(server)) {
            for (Socket s : List.of(a, b)) {
                s.getOutputStream().write(keepAlive.getBytes(StandardCharsets.US_ASCII));
                assertThat(readOneResponse(s)).startsWith("HTTP/1.1 200");
            }
            try (Socket c = connect(server);
                    Socket d = connect(server)) {
                c.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
                assertThat(HttpLayerServer.readAll(c.getInputStream())).startsWith("HTTP/1.1 200");
                d.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
                assertThat(HttpLayerServer.readAll(d.getInputStream())).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** Reads one response (head and a Content-Length body) from a connection that stays open. */
    private static String readOneResponse(Socket s) throws Exception {
        java.io.InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    @Test
    void connectionsPastTheTotalCap_get503WithRetryAfterUnparsed_andTheCountRecovers() throws Exception {
        ManagementServer server =
                serverWith(fixture(), ConnectionPolicy.defaults().withConnectionCaps(2, 100));
        try (Socket a = connect(server);
                Socket b = connect(server)) {
            Thread.sleep(200);
            try (Socket c = connect(server)) {
                c.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
                String answer = HttpLayerServer.readAll(c.getInputStream());
                assertThat(answer)
                        .startsWith("HTTP/1.1 503")
                        .contains("Retry-After: 1")
                        .contains("too many connections");
            }
            try (Socket silent = connect(server)) {
                // a refused client that sends nothing still gets the answer, then the connection ends
                assertThat(HttpLayerServer.readAll(silent.getInputStream())).startsWith("HTTP/1.1 503");
            }
        }
        Thread.sleep(300);
        try (Socket d = connect(server)) {
            d.getOutputStream().write(statusRequest().getBytes(StandardCharsets.US_ASCII));
            assertThat(HttpLayerServer.readAll(d.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }
}
