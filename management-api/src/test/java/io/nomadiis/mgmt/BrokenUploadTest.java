package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file upload whose body breaks (issue 10 item 4), over a real socket to the real file routes:
 * the target stays exactly as it was, an error is answered, no staging is left and the task's
 * lock is free for the next upload.
 */
class BrokenUploadTest {
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(Limits.defaults().withIdleSeconds(5));
        Files.writeString(api.taskDir.resolve("local/index.html"), "original");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private String put(String body) throws Exception {
        String head =
                "PUT /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/fs/local/index.html HTTP/1.1\r\n"
                        + "Host: x\r\nX-Api-Key: " + ApiFixture.API_KEY + "\r\nContent-Type: text/plain\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write((head + body).getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return HttpLayerServer.readAll(s.getInputStream());
        }
    }

    private void assertUnchangedAndNoStaging() throws Exception {
        assertThat(Files.readString(api.taskDir.resolve("local/index.html"))).isEqualTo("original");
        try (Stream<java.nio.file.Path> all = Files.walk(api.root)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".nomad-iis-"));
        }
    }

    @Test
    void garbageChunkSizeMidBody_targetUnchanged_400_lockReleased() throws Exception {
        String answer = put("Transfer-Encoding: chunked\r\n\r\n" + "6\r\nbroken\r\nnot-a-size\r\nxx\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).doesNotContain("Exception", "java.");
        Thread.sleep(300);
        assertUnchangedAndNoStaging();
        String next = put("Content-Length: 3\r\nConnection: close\r\n\r\nnew");
        assertThat(next).startsWith("HTTP/1.1 200");
        assertThat(Files.readString(api.taskDir.resolve("local/index.html"))).isEqualTo("new");
    }

    @Test
    void bodyShorterThanItsContentLength_clientGone_targetUnchanged() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
            s.getOutputStream()
                    .write(("PUT /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK
                                    + "/fs/local/index.html HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + ApiFixture.API_KEY
                                    + "\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly a part")
                            .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Thread.sleep(300);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                assertUnchangedAndNoStaging();
                break;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        assertThat(put("Content-Length: 3\r\nConnection: close\r\n\r\nnew")).startsWith("HTTP/1.1 200");
    }
}
