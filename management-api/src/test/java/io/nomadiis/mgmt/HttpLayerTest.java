package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.mgmt.http.ConnectionPolicy;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer over real sockets (issue 10 items 1, 4, 5, 9, 10): work handed to a full worker
 * pool is never lost, a broken body reaches the sink as an abort, a response never carries more
 * than its Content-Length, overload is 503 with Retry-After, and odd request targets are answered.
 */
class HttpLayerTest {
    private HttpLayerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpLayerServer start(int threads, int queued, ConnectionPolicy policy) throws Exception {
        server = new HttpLayerServer(WorkerPool.create(threads, queued), policy);
        return server;
    }

    private static void write(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(10);
        }
    }

    private static String uploadHead() {
        return "PUT /t/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    /** Starts an upload (first chunk received and drained), then takes the only worker and the only queue slot. */
    private Socket uploadThenFillThePool(Socket blocker1, Socket blocker2) throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) server.workers;
        Socket upload = server.connect();
        write(upload, uploadHead() + "5\r\nhello\r\n");
        Thread.sleep(200);
        waitFor(() -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
        write(blocker1, "GET /t/block HTTP/1.1\r\nHost: x\r\n\r\n");
        waitFor(() -> server.blocked.get() == 1);
        write(blocker2, "GET /t/block HTTP/1.1\r\nHost: x\r\n\r\n");
        waitFor(() -> pool.getQueue().size() == 1);
        assertThat(server.exchange("GET /t/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .as("the pool is full")
                .startsWith("HTTP/1.1 ")
                .doesNotStartWith("HTTP/1.1 200");
        return upload;
    }

    @Test
    void lastChunkWhileEveryWorkerIsBusy_uploadCompletesOnceAWorkerFrees() throws Exception {
        start(1, 1, ConnectionPolicy.defaults());
        try (Socket b1 = server.connect();
                Socket b2 = server.connect();
                Socket upload = uploadThenFillThePool(b1, b2)) {
            write(upload, "0\r\n\r\n");
            Thread.sleep(300);
            server.release.countDown();
            byte[] head = upload.getInputStream().readNBytes(15);
            assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
            waitFor(() -> server.sinkEvents.contains("complete:5"));
            assertThat(server.sinkEvents).containsExactly("complete:5");
        }
    }

    @Test
    void clientGoneWhileEveryWorkerIsBusy_sinkIsStillAborted() throws Exception {
        start(1, 1, ConnectionPolicy.defaults());
        try (Socket b1 = server.connect();
                Socket b2 = server.connect()) {
            Socket upload = uploadThenFillThePool(b1, b2);
            upload.close();
            Thread.sleep(300);
            server.release.countDown();
            waitFor(() -> !server.sinkEvents.isEmpty());
            assertThat(server.sinkEvents).containsExactly("abort:5");
            waitFor(() -> server.blocked.get() == 2);
        }
    }

    @Test
    void fullWorkerPool_newRequestIs503WithRetryAfter_andNoJavaNames() throws Exception {
        start(1, 1, ConnectionPolicy.defaults());
        try (Socket b1 = server.connect();
                Socket b2 = server.connect()) {
            write(b1, "GET /t/block HTTP/1.1\r\nHost: x\r\n\r\n");
            waitFor(() -> server.blocked.get() == 1);
            write(b2, "GET /t/block HTTP/1.1\r\nHost: x\r\n\r\n");
            waitFor(() -> ((ThreadPoolExecutor) server.workers).getQueue().size() == 1);
            String answer = server.exchange("GET /t/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1");
            assertThat(answer).doesNotContain("Exception", "java.", "Executor", "rejected");
        }
    }

    @Test
    void garbageChunkSizeMidBody_sinkAbortedNeverCompleted_andAnswered400() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        String answer = server.exchange(uploadHead() + "5\r\nhello\r\nzz-not-hex\r\nmore\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).doesNotContain("Exception", "java.");
        waitFor(() -> !server.sinkEvents.isEmpty());
        Thread.sleep(200);
        assertThat(server.sinkEvents).singleElement().asString().startsWith("abort:");
    }

    @Test
    void bodyLongerThanAnnounced_exactlyTheAnnouncedBytesAreSent_andTheNextResponseIsIntact() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        String answer = server.exchange("GET /t/grow?n=10 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /t/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).contains("content-length: 10\r\n");
        assertThat(answer).contains("\r\n\r\n" + "a".repeat(10) + "HTTP/1.1 200 OK");
        assertThat(answer).doesNotContain("a".repeat(11));
        assertThat(answer).endsWith("hello");
    }

    @Test
    void bodyShorterThanAnnounced_connectionClosedAfterTheBytesThereAre() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        String answer = server.exchange("GET /t/short?n=10 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /t/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).contains("content-length: 10\r\n").endsWith("\r\n\r\n" + "b".repeat(5));
    }

    @Test
    void malformedQueryString_400() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        assertThat(server.exchange("GET /t/hello?a=%zz&b=%e2%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400")
                .contains("malformed query string");
    }

    @Test
    void absoluteFormTarget_isRoutedByItsPath() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        assertThat(server.exchange(
                        "GET http://127.0.0.1:4646/t/hello?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200")
                .endsWith("hello");
    }

    @Test
    void morePipelinedRequestsThanTheLimit_everyOwedAnswerThen503() throws Exception {
        start(4, 16, new ConnectionPolicy(64, 64, 10_000, 8192, 16384, 4));
        String answer = server.exchange("GET /t/hello HTTP/1.1\r\nHost: x\r\n\r\n".repeat(10));
        String[] responses = answer.split("(?=HTTP/1\\.1 )");
        assertThat(responses).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(responses[i]).startsWith("HTTP/1.1 200").endsWith("hello");
        }
        assertThat(responses[5]).startsWith("HTTP/1.1 503").contains("Retry-After: 1", "connection: close");
    }

    @Test
    void overLongRequestLineAndHeaders_414And431() throws Exception {
        start(4, 16, ConnectionPolicy.defaults());
        assertThat(server.exchange("GET /t/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414");
        assertThat(server.exchange("GET /t/hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(17000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
    }
}
