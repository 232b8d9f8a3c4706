package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The file routes, on the real Windows host over the in-memory IIS (the task's pool Started with a real worker). */
class FileRoutesTest {
    ApiFixture api;
    String pool;
    PoolRuntime poolBefore;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(Limits.defaults());
        pool = api.defaultPool();
        poolBefore = api.defaultPoolRuntime();
        assertThat(poolBefore.state()).isEqualTo(PoolState.STARTED);
        assertThat(poolBefore.workerPids()).hasSize(1);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void patch_file_writesItAndCreatesFolders_withoutTouchingPools() throws Exception {
        HttpResponse<String> r =
                api.upload("PATCH", api.taskUrl("fs/local%2Fsite%2Findex.html"), "text/html", text("<h1>hi</h1>"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Files.readString(api.taskDir.resolve("local/site/index.html")))
                .isEqualTo("<h1>hi</h1>");
        assertThat(api.defaultPoolRuntime())
                .as("the pool and its worker untouched")
                .isEqualTo(poolBefore);
    }

    @Test
    void patch_shorterFile_truncatesTheOldOne() throws Exception {
        Files.writeString(api.taskDir.resolve("local/a.txt"), "a much longer old content");
        api.upload("PATCH", api.taskUrl("fs/local/a.txt"), "text/plain", text("new"));
        assertThat(Files.readString(api.taskDir.resolve("local/a.txt"))).isEqualTo("new");
    }

    @Test
    void put_file_stopsAndStartsThePools() throws Exception {
        HttpResponse<String> r = api.upload("PUT", api.taskUrl("fs/local/a.txt"), "text/plain", text("x"));
        assertThat(r.statusCode()).isEqualTo(200);
        long oldWorker = poolBefore.workerPids().get(0);
        assertThat(ApiFixture.ends(oldWorker)).as("the old worker ended").isTrue();
        PoolRuntime after = api.defaultPoolRuntime();
        assertThat(after.state()).isEqualTo(PoolState.STARTED);
        assertThat(after.workerPids()).hasSize(1).doesNotContain(oldWorker);
        assertThat(api.iisMethodCalls())
                .as("IIS was asked to stop, then to start the pool, not to recycle it")
                .containsSubsequence("Stop " + pool, "Start " + pool)
                .doesNotContain("Recycle " + pool);
    }

    @Test
    void put_invalidZip_400_beforeThePoolsAreStopped() throws Exception {
        Files.createDirectories(api.taskDir.resolve("local/www"));
        HttpResponse<String> r =
                api.upload("PUT", api.taskUrl("fs/local/www.zip"), "application/zip", text("not a zip at all"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(api.defaultPoolRuntime())
                .as("the pool and its worker untouched")
                .isEqualTo(poolBefore);
        assertThat(api.taskDir.resolve("local/www.zip")).doesNotExist();
    }

    @Test
    void patch_zip_extractsOverExistingFilesAndKeepsOthers() throws Exception {
        Path www = Files.createDirectories(api.taskDir.resolve("local/www"));
        Files.writeString(www.resolve("index.html"), "old index that is longer");
        Files.writeString(www.resolve("keep.txt"), "keep");
        byte[] zip = Zips.of(Map.of("index.html", "new", "css/site.css", "body{}"));
        HttpResponse<String> r = api.upload("PATCH", api.taskUrl("fs/local/www"), "application/zip", zip);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Zips.tree(www)).isEqualTo(Map.of("index.html", "new", "css/site.css", "body{}", "keep.txt", "keep"));
    }

    @Test
    void patch_zipWithClean_replacesTheFolderContent() throws Exception {
        Path www = Files.createDirectories(api.taskDir.resolve("local/www"));
        Files.writeString(www.resolve("stale.txt"), "stale");
        byte[] zip = Zips.of(Map.of("index.html", "new"));
        HttpResponse<String> r = api.upload("PATCH", api.taskUrl("fs/local/www?clean=true"), "application-zip", zip);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Zips.tree(www)).isEqualTo(Map.of("index.html", "new"));
    }

    @Test
    void get_file_downloadsItWithDisposition() throws Exception {
        Files.writeString(api.taskDir.resolve("local/data.bin"), "payload");
        HttpResponse<String> r = api.get(api.taskUrl("fs/local/data.bin"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("payload");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"data.bin\"");
    }

    @Test
    void get_folder_streamsAZipEqualToTheFolder() throws Exception {
        Path www = Files.createDirectories(api.taskDir.resolve("local/www/css"));
        Files.writeString(www.resolve("site.css"), "body{}");
        Files.writeString(www.getParent().resolve("index.html"), "<p>x</p>".repeat(50_000));
        HttpResponse<byte[]> r =
                api.sendBytes(api.authed(api.taskUrl("fs/local%2Fwww")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("www.zip");
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(Zips.read(r.body())).isEqualTo(Zips.tree(api.taskDir.resolve("local/www")));
    }

    @Test
    void get_missing_404() throws Exception {
        assertThat(api.get(api.taskUrl("fs/local/nothing.txt")).statusCode()).isEqualTo(404);
    }

    @Test
    void delete_fileAndFolder_removesThem() throws Exception {
        Files.createDirectories(api.taskDir.resolve("local/www/sub"));
        Files.writeString(api.taskDir.resolve("local/www/sub/a.txt"), "a");
        Files.writeString(api.taskDir.resolve("local/b.txt"), "b");
        assertThat(api.send(api.authed(api.taskUrl("fs/local/b.txt")).DELETE().build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.send(api.authed(api.taskUrl("fs/local/www")).DELETE().build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.taskDir.resolve("local/b.txt")).doesNotExist();
        assertThat(api.taskDir.resolve("local/www")).doesNotExist();
        assertThat(api.taskDir.resolve("local")).isDirectory();
    }

    @Test
    void delete_folderStar_emptiesButKeepsTheFolder() throws Exception {
        Path www = Files.createDirectories(api.taskDir.resolve("local/www/sub"));
        Files.writeString(www.resolve("a.txt"), "a");
        assertThat(api.send(api.authed(api.taskUrl("fs/local/www/*")).DELETE().build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.taskDir.resolve("local/www")).isEmptyDirectory();
        Files.writeString(www.getParent().resolve("b.txt"), "b");
        assertThat(api.send(api.authed(api.taskUrl("fs/local%2Fwww%2F*.*"))
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.taskDir.resolve("local/www")).isEmptyDirectory();
    }

    @Test
    void delete_taskDirectoryItself_403() throws Exception {
        assertThat(api.send(api.authed(api.taskUrl("fs/")).DELETE().build()).statusCode())
                .isEqualTo(403);
        assertThat(api.taskDir).isDirectory();
    }

    @Test
    void patch_fileOverFolder_409() throws Exception {
        Files.createDirectories(api.taskDir.resolve("local/www"));
        assertThat(api.upload("PATCH", api.taskUrl("fs/local/www"), "text/plain", text("x"))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void secondUploadWhileOneRuns_409_thenTheFirstCompletes() throws Exception {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(30_000);
            String head = "PATCH /api/v1/allocs/" + ApiFixture.ALLOC + "/web/fs/local/slow.txt HTTP/1.1\r\nHost: x\r\n"
                    + "X-Api-Key: " + ApiFixture.API_KEY + "\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n"
                    + "Connection: close\r\n\r\n12345";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            // the slow upload holds the task's lock once its staging folder exists; probing earlier could take the
            // lock first and make the slow upload the one refused
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!hasStagingFolder(api.taskDir) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(hasStagingFolder(api.taskDir))
                    .as("the slow upload started staging")
                    .isTrue();
            int code = 0;
            while (code != 409 && System.nanoTime() < deadline) {
                code = api.upload("PATCH", api.taskUrl("fs/local/other.txt"), "text/plain", text("x"))
                        .statusCode();
                Thread.sleep(20);
            }
            assertThat(code).isEqualTo(409);
            assertThat(api.send(api.authed(api.taskUrl("fs/local/slow.txt"))
                                    .DELETE()
                                    .build())
                            .statusCode())
                    .isEqualTo(409);
            s.getOutputStream().write("67890".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200");
        }
        assertThat(Files.readString(api.taskDir.resolve("local/slow.txt"))).isEqualTo("1234567890");
        assertThat(api.taskDir.resolve("local/other.txt")).doesNotExist();
        assertThat(api.upload("PATCH", api.taskUrl("fs/local/other.txt"), "text/plain", text("x"))
                        .statusCode())
                .isEqualTo(200);
    }

    private static boolean hasStagingFolder(java.nio.file.Path taskDir) throws java.io.IOException {
        try (var entries = Files.list(taskDir)) {
            return entries.anyMatch(p ->
                    io.nomadiis.mgmt.files.Staging.isStaging(p.getFileName().toString()));
        }
    }

    @Test
    void keepAlive_severalRequestsOnOneConnection_allAnswered() throws Exception {
        Files.writeString(api.taskDir.resolve("local/a.txt"), "a");
        for (int i = 0; i < 20; i++) {
            assertThat(api.get(api.taskUrl("fs/local/a.txt")).body()).isEqualTo("a");
            assertThat(api.upload("PATCH", api.taskUrl("fs/local/b.txt"), "text/plain", text("b" + i))
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(Files.readString(api.taskDir.resolve("local/b.txt"))).isEqualTo("b19");
    }
}
