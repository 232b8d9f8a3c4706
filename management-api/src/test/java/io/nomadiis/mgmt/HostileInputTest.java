package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.PoolRuntime;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Input that must be refused, with nothing written outside (or, for uploads, inside) the task dir. */
class HostileInputTest {
    ApiFixture api;
    Path outside;
    Map<String, String> before;
    PoolRuntime poolBefore;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(new Limits(1 << 20, 1024, 10, 4L << 20, 50, 2));
        outside = Files.createDirectories(api.root.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(api.taskDir.resolve("local/index.html"), "original");
        before = snapshot();
        poolBefore = api.defaultPoolRuntime();
        assertThat(poolBefore.workerPids()).as("a running worker").hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    /** Everything under the fixture root (task dir and the "outside" folder). */
    private Map<String, String> snapshot() throws Exception {
        return Zips.tree(api.root);
    }

    private void assertNothingChanged() throws Exception {
        assertThat(snapshot()).isEqualTo(before);
        try (var s = Files.list(api.taskDir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".nomad-iis-upload-"));
        }
    }

    private String rawRequest(String method, String path, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return api.raw(method + " " + path + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + ApiFixture.API_KEY
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n"
                + body);
    }

    private String taskPath(String rest) {
        return "/api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/" + rest;
    }

    @Test
    void dotDotSegments_refusedFor_get_put_delete() throws Exception {
        for (String p : new String[] {
            "fs/../../outside/secret.txt",
            "fs/local/../../../outside/secret.txt",
            "fs/..%2F..%2F..%2Foutside%2Fsecret.txt",
            "fs/%2e%2e%2f%2e%2e%2f%2e%2e%2foutside%2fsecret.txt",
            "fs/..%5C..%5C..%5Coutside%5Csecret.txt"
        }) {
            assertThat(rawRequest("GET", taskPath(p), "")).as(p).startsWith("HTTP/1.1 403");
            assertThat(rawRequest("PATCH", taskPath(p), "pwned")).as(p).startsWith("HTTP/1.1 403");
            assertThat(rawRequest("DELETE", taskPath(p), "")).as(p).startsWith("HTTP/1.1 403");
        }
        assertNothingChanged();
    }

    @Test
    void absoluteAndDriveRootedPaths_refused() throws Exception {
        for (String p : new String[] {
            "fs/%2Fetc%2Fpasswd",
            "fs//etc/passwd",
            "fs/C:%5CWindows%5Cwin.ini",
            "fs/C%3A%2Fx",
            "fs/%5C%5Cserver%5Cshare"
        }) {
            assertThat(rawRequest("GET", taskPath(p), "")).as(p).startsWith("HTTP/1.1 403");
            assertThat(rawRequest("PUT", taskPath(p), "pwned")).as(p).startsWith("HTTP/1.1 403");
        }
        assertNothingChanged();
        assertThat(api.defaultPoolRuntime())
                .as("refused before the pools were stopped: the same worker runs")
                .isEqualTo(poolBefore);
    }

    @Test
    void nulByte_refusedWith400() throws Exception {
        assertThat(rawRequest("PATCH", taskPath("fs/local%2Findex.html%00.txt"), "x"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawRequest("GET", taskPath("fs/local%00"), "")).startsWith("HTTP/1.1 400");
        assertThat(rawRequest("GET", taskPath("fs/local%zz"), "")).startsWith("HTTP/1.1 400");
        assertNothingChanged();
    }

    @Test
    void symlinkLeadingOut_refusedFor_get_put_delete_zip() throws Exception {
        Files.createSymbolicLink(api.taskDir.resolve("local/out"), outside);
        Files.createSymbolicLink(api.taskDir.resolve("local/secret-link"), outside.resolve("secret.txt"));
        before = snapshot();
        assertThat(api.get(api.taskUrl("fs/local/out/secret.txt")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/local/secret-link")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/local/out")).statusCode()).isEqualTo(403);
        assertThat(api.upload(
                                "PATCH",
                                api.taskUrl("fs/local/out/new.txt"),
                                "text/plain",
                                "pwned".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.send(api.authed(api.taskUrl("fs/local/out/secret.txt"))
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.upload(
                                "PATCH",
                                api.taskUrl("fs/local"),
                                "application/zip",
                                Zips.of(Map.of("out/new.txt", "pwned")))
                        .statusCode())
                .isEqualTo(403);
        assertNothingChanged();
        HttpResponse<byte[]> zip =
                api.sendBytes(api.authed(api.taskUrl("fs/local")).GET().build());
        assertThat(Zips.read(zip.body())).containsOnlyKeys("index.html");
    }

    @Test
    void linkInsidePointingToAFolderInside_403_notAnEmptyZip() throws Exception {
        Files.createDirectories(api.taskDir.resolve("local/real"));
        Files.writeString(api.taskDir.resolve("local/real/a.txt"), "a");
        Files.createSymbolicLink(api.taskDir.resolve("local/alias"), api.taskDir.resolve("local/real"));
        Files.createSymbolicLink(api.taskDir.resolve("local/relative-alias"), Path.of("real"));
        assertThat(api.get(api.taskUrl("fs/local/alias")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/local/relative-alias")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/local/alias/a.txt")).statusCode()).isEqualTo(403);
    }

    @Test
    void secretsFolder_unreachableThroughFsRoutes_andLeftOutOfDownloadsAndCleans() throws Exception {
        Path secrets = Files.createDirectories(api.taskDir.resolve("secrets"));
        Files.writeString(secrets.resolve("api_token"), "workload-identity");
        before = snapshot();
        assertThat(api.get(api.taskUrl("fs/secrets/api_token")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/secrets")).statusCode()).isEqualTo(403);
        assertThat(api.get(api.taskUrl("fs/SECRETS/api_token")).statusCode()).isEqualTo(403);
        assertThat(api.upload("PATCH", api.taskUrl("fs/secrets/x"), "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.send(api.authed(api.taskUrl("fs/secrets/api_token"))
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.send(api.authed(api.taskUrl("fs/secrets/*")).DELETE().build())
                        .statusCode())
                .isEqualTo(403);
        assertNothingChanged();
        HttpResponse<byte[]> all =
                api.sendBytes(api.authed(api.taskUrl("fs/")).GET().build());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(Zips.read(all.body())).containsKey("local/index.html").doesNotContainKey("secrets/api_token");
        assertThat(api.send(api.authed(api.taskUrl("fs/*")).DELETE().build()).statusCode())
                .isEqualTo(200);
        assertThat(secrets.resolve("api_token")).hasContent("workload-identity");
        assertThat(api.taskDir.resolve("local")).doesNotExist();
    }

    @Test
    void secretsFolder_reachableWhenExposed() throws Exception {
        try (ApiFixture exposed = new ApiFixture(
                api.host,
                Limits.defaults(),
                ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withExposeSecrets(true))) {
            Files.createDirectories(exposed.taskDir.resolve("secrets"));
            Files.writeString(exposed.taskDir.resolve("secrets/api_token"), "workload-identity");
            HttpResponse<String> r = exposed.get(exposed.taskUrl("fs/secrets/api_token"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("workload-identity");
        }
    }

    @Test
    void zipSlipAndAbsoluteEntries_refusedWith403() throws Exception {
        for (String name : new String[] {
            "../../outside/evil.txt",
            "a/../../../outside/evil.txt",
            "/tmp/evil.txt",
            "C:/evil.txt",
            "..\\..\\outside\\evil.txt",
            "ok/\u0000evil"
        }) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("fine.txt", "fine");
            files.put(name, "pwned");
            HttpResponse<String> r = api.upload("PATCH", api.taskUrl("fs/local"), "application/zip", Zips.of(files));
            assertThat(r.statusCode()).as(name).isEqualTo(403);
        }
        assertNothingChanged();
    }

    @Test
    void zipWithTooManyEntries_413() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            files.put("f" + i + ".txt", "x");
        }
        assertThat(api.upload("PATCH", api.taskUrl("fs/local"), "application/zip", Zips.of(files))
                        .statusCode())
                .isEqualTo(413);
        assertNothingChanged();
    }

    @Test
    void zipBomb_overTotalOrRatio_413() throws Exception {
        byte[] bomb = zeros("bomb.bin", 8 << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThat(api.upload("PUT", api.taskUrl("fs/local"), "application/zip", bomb)
                        .statusCode())
                .isEqualTo(413);
        byte[] ratio = zeros("ratio.bin", 3 << 20);
        assertThat(api.upload("PATCH", api.taskUrl("fs/local"), "application/zip", ratio)
                        .statusCode())
                .isEqualTo(413);
        assertNothingChanged();
    }

    private static byte[] zeros(String name, int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(new byte[size]);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void bodyOverLimit_413_declaredAndChunked() throws Exception {
        byte[] big = new byte[(1 << 20) + 1];
        assertThat(api.upload("PATCH", api.taskUrl("fs/local/big.bin"), "text/plain", big)
                        .statusCode())
                .isEqualTo(413);
        String chunk = "x".repeat(64 * 1024);
        StringBuilder req =
                new StringBuilder("PATCH " + taskPath("fs/local/big.bin") + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                        + ApiFixture.API_KEY + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 17; i++) {
            req.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        req.append("0\r\n\r\n");
        assertThat(api.raw(req.toString())).startsWith("HTTP/1.1 413");
        assertThat(rawRequest("GET", taskPath("status"), "y".repeat(2048))).startsWith("HTTP/1.1 413");
        assertNothingChanged();
    }

    @Test
    void truncatedUpload_clientGoesAway_nothingChanged() throws Exception {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            String head = "PUT " + taskPath("fs/local/index.html") + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                    + ApiFixture.API_KEY + "\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(new byte[50_000]);
            s.getOutputStream().flush();
            waitFor(() -> stagingFolders() == 1);
            assertThat(stagingFolders()).isEqualTo(1);
        }
        waitFor(() -> {
            try {
                assertNothingChanged();
                return true;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertNothingChanged();
        assertThat(api.defaultPoolRuntime())
                .as("a cold upload stops the pools only once its body is complete: the same worker runs")
                .isEqualTo(poolBefore);
    }

    private long stagingFolders() {
        try (var s = Files.list(api.taskDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".nomad-iis-upload-"))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void stalledUpload_closedAfterIdleTimeout_poolsNeverStoppedNothingChangedLockReleased() throws Exception {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(30_000);
            String head = "PUT " + taskPath("fs/local/index.html") + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                    + ApiFixture.API_KEY + "\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write("stalled".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read())
                    .as("the server closes the stalled connection")
                    .isEqualTo(-1);
        }
        assertThat(api.defaultPoolRuntime())
                .as("a cold upload stops the pools only once its body is complete: the same worker runs")
                .isEqualTo(poolBefore);
        waitFor(() -> {
            try {
                assertNothingChanged();
                return true;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
        assertNothingChanged();
        assertThat(api.upload(
                                "PATCH",
                                api.taskUrl("fs/local/other.txt"),
                                "text/plain",
                                "ok".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void downloadToAClientThatStopsReading_connectionClosedAfterIdleTimeout() throws Exception {
        int size = 32 << 20;
        Path big = api.taskDir.resolve("local/big.bin");
        Files.write(big, new byte[size]);
        long received = 0;
        try (java.net.Socket s = new java.net.Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), api.server.port()));
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write(("GET " + taskPath("fs/local/big.bin") + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                                    + ApiFixture.API_KEY + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            Thread.sleep(8_000);
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = s.getInputStream().read(buf)) > 0) {
                    received += n;
                }
            } catch (java.net.SocketException reset) {
                // closed by the server: what this test expects
            }
        }
        assertThat(received).isLessThan(size);
    }

    @Test
    void expectContinue_refusedBeforeTheBodyIsSent_admittedGets100() throws Exception {
        String head = "PUT " + taskPath("fs/local/x.txt") + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\nExpect: 100-continue\r\n";
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write((head + "X-Api-Key: wrong\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 401");
        }
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write((head + "X-Api-Key: " + ApiFixture.API_KEY + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            byte[] first = new byte[25];
            int n = s.getInputStream().readNBytes(first, 0, first.length);
            assertThat(new String(first, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 100 Continue");
            s.getOutputStream().write("ok".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .contains("HTTP/1.1 200");
        }
        assertThat(Files.readString(api.taskDir.resolve("local/x.txt"))).isEqualTo("ok");
    }

    @Test
    void truncatedZip_400_nothingChanged() throws Exception {
        byte[] zip = Zips.of(Map.of("index.html", "new", "other.html", "x".repeat(10_000)));
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertThat(api.upload("PATCH", api.taskUrl("fs/local"), "application/zip", cut)
                        .statusCode())
                .isEqualTo(400);
        assertNothingChanged();
    }

    @Test
    void wrongMethod_405WithAllow() throws Exception {
        HttpResponse<String> r =
                api.send(api.authed(api.taskUrl("status")).DELETE().build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> fs = api.send(api.authed(api.taskUrl("fs/local"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(fs.statusCode()).isEqualTo(405);
        assertThat(fs.headers().firstValue("Allow").orElseThrow()).contains("GET", "PUT", "PATCH", "DELETE");
    }

    @Test
    void unknownRouteAndUnknownTask_404() throws Exception {
        assertThat(api.get(api.base() + "/api/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(api.get(api.base() + "/api/v1/allocs/unknown/web/fs/local").statusCode())
                .isEqualTo(404);
        assertThat(api.upload(
                                "PUT",
                                api.base() + "/api/v1/allocs/unknown/web/fs/a.txt",
                                "text/plain",
                                "x".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(404);
        assertNothingChanged();
    }

    @Test
    void malformedRequestLine_400() throws Exception {
        assertThat(api.raw("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
