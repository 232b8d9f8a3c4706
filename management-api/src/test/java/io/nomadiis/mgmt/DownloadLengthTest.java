package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file that changes size while the real file route sends it (issue 10 item 5), over a raw
 * keep-alive socket with a pipelined second request: a file that grows is sent with exactly the
 * announced {@code Content-Length} bytes, so the next response on the connection is intact (no
 * forged response from the extra bytes); a file that shrinks ends the response by closing the
 * connection (never a short body followed by more responses, never a hang).
 *
 * <p>The file is far larger than what the socket buffers on both sides can hold, and the client
 * reads only a small part before changing the file, so the server is still reading the file when
 * it changes; the client's receive buffer is kept small for the same reason.
 */
class DownloadLengthTest {
    private static final int SIZE = 32 << 20;
    private static final int READ_BEFORE_CHANGE = 64 << 10;

    ApiFixture api;
    Path file;

    @BeforeEach
    void start() throws Exception {
        // a download never reaches the web server host
        api = new ApiFixture(null, Limits.defaults());
        file = api.taskDir.resolve("local/big.bin");
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / block.length; i++) {
                out.write(block);
            }
        }
        Files.writeString(api.taskDir.resolve("local/next.txt"), "the second answer");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private static String get(String path, boolean close) {
        return "GET /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/fs/" + path + " HTTP/1.1\r\n"
                + "Host: x\r\nX-Api-Key: " + ApiFixture.API_KEY + "\r\n" + (close ? "Connection: close\r\n" : "")
                + "\r\n";
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(8 << 10);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), api.server.port()), 30_000);
        s.setSoTimeout(60_000);
        return s;
    }

    /**
     * Sends the big file's GET and a second GET pipelined behind it, reads the first response's head (200, a
     * Content-Length of the whole file, not chunked) and the first {@link #READ_BEFORE_CHANGE} bytes of its body.
     */
    private InputStream startBigDownloadThenAnotherRequest(Socket s) throws IOException {
        s.getOutputStream()
                .write((get("local/big.bin", false) + get("local/next.txt", true))
                        .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        InputStream in = new BufferedInputStream(s.getInputStream());
        Head first = Head.read(in);
        assertThat(first.status).isEqualTo(200);
        assertThat(first.headers).doesNotContainKey("transfer-encoding");
        assertThat(first.contentLength()).isEqualTo(SIZE);
        assertThat(in.readNBytes(READ_BEFORE_CHANGE)).hasSize(READ_BEFORE_CHANGE);
        return in;
    }

    @Test
    void fileGrowsWhileSent_exactlyContentLengthBytes_andThePipelinedNextResponseIsIntact() throws Exception {
        try (Socket s = connect()) {
            InputStream in = startBigDownloadThenAnotherRequest(s);

            byte[] more = new byte[4 << 20];
            Arrays.fill(more, (byte) 'b');
            Files.write(file, more, StandardOpenOption.APPEND);
            assertThat(Files.size(file)).isEqualTo(SIZE + (long) more.length);

            long rest = SIZE - READ_BEFORE_CHANGE;
            byte[] buf = new byte[64 << 10];
            while (rest > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, rest));
                assertThat(n)
                        .as("body ended %d bytes short of its Content-Length", rest)
                        .isPositive();
                for (int i = 0; i < n; i++) {
                    if (buf[i] != 'a') {
                        throw new AssertionError("byte " + (SIZE - rest + i) + " of the body is not the file's");
                    }
                }
                rest -= n;
            }

            Head second = Head.read(in);
            assertThat(second.status).isEqualTo(200);
            assertThat(second.contentLength()).isEqualTo("the second answer".length());
            assertThat(new String(in.readNBytes((int) second.contentLength()), StandardCharsets.UTF_8))
                    .isEqualTo("the second answer");
            assertThat(in.read()).as("nothing after the second response").isEqualTo(-1);
        }
    }

    @Test
    void fileShrinksWhileSent_connectionClosed_noFurtherResponse() throws Exception {
        try (Socket s = connect()) {
            InputStream in = startBigDownloadThenAnotherRequest(s);

            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(1 << 20);
            }

            long received = READ_BEFORE_CHANGE;
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            byte[] buf = new byte[64 << 10];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    received += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != 'a') {
                            tail.write(buf, i, n - i);
                            break;
                        }
                    }
                }
            } catch (SocketException reset) {
                // a reset is a closed connection too
            }
            assertThat(received).as("a short body ends with the connection").isLessThan(SIZE);
            assertThat(tail.toString(StandardCharsets.ISO_8859_1))
                    .as("no response follows a short body")
                    .isEmpty();
        }
    }

    /** A response's status line and headers (names lower-cased). */
    private record Head(int status, Map<String, String> headers) {
        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            assertThat(statusLine).startsWith("HTTP/1.1 ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                assertThat(colon).as("header line %s", l).isPositive();
                headers.put(
                        l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        l.substring(colon + 1).trim());
            }
            return new Head(Integer.parseInt(statusLine.substring(9, 12)), headers);
        }

        long contentLength() {
            assertThat(headers).containsKey("content-length");
            return Long.parseLong(headers.get("content-length"));
        }

        private static String line(InputStream in) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(8192);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new AssertionError("connection ended inside a response head: "
                            + new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1));
                }
                if (!b.hasRemaining()) {
                    throw new AssertionError("not an HTTP response head (a line of more than 8 KiB), starting: "
                            + new String(b.array(), 0, 64, StandardCharsets.ISO_8859_1));
                }
                b.put((byte) c);
            }
            int len = b.position();
            if (len > 0 && b.get(len - 1) == '\r') {
                len--;
            }
            return new String(b.array(), 0, len, StandardCharsets.ISO_8859_1);
        }
    }
}
