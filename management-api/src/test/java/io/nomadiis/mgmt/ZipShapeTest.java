package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 10 items 6 and 11: zip shapes that cost more than their size, and zips that are client errors. */
class ZipShapeTest {
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(new Limits(64L << 20, 1024, 10_000, 1L << 30, 100));
        Files.writeString(api.taskDir.resolve("local/keep.txt"), "kept");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private HttpResponse<String> patchZip(String path, byte[] zip) throws Exception {
        return api.upload("PATCH", api.taskUrl(path), "application/zip", zip);
    }

    private long stagingFolders() throws Exception {
        try (var s = Files.list(api.taskDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".nomad-iis-upload-"))
                    .count();
        }
    }

    @Test
    void deeplyNestedEntry_refusedWith413_nothingWritten() throws Exception {
        // a ~4 KB zip whose one file sits 1000 folders deep
        String name = "a/".repeat(1000) + "f.txt";
        byte[] zip = Zips.of(Map.of(name, "x"));
        assertThat(zip.length).isLessThan(5000);
        HttpResponse<String> r = patchZip("fs/local", zip);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("nested deeper than");
        assertThat(api.taskDir.resolve("local/a")).doesNotExist();
        assertThat(stagingFolders()).isZero();
    }

    @Test
    void manyNestedFolderEntries_refusedWith413() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                path.append("d/");
                zip.putNextEntry(new ZipEntry(path.toString()));
                zip.closeEntry();
            }
        }
        HttpResponse<String> r = patchZip("fs/local", bytes.toByteArray());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(api.taskDir.resolve("local/d")).doesNotExist();
    }

    @Test
    void manySmallEntriesUnderTheRatioFloor_cannotBypassTheRatioGuard() throws Exception {
        // 40 entries of just under 1 MiB of zeros: each is under the per-entry floor, together they
        // expand to ~40 MiB from a zip of a few KB, far over 100 times its size
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[(1 << 20) - 1];
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < 40; i++) {
                zip.putNextEntry(new ZipEntry("z" + i + ".bin"));
                zip.write(zeros);
                zip.closeEntry();
            }
        }
        assertThat(bytes.size()).isLessThan(100_000);
        HttpResponse<String> r = patchZip("fs/local", bytes.toByteArray());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("times its size");
        assertThat(api.taskDir.resolve("local/z0.bin")).doesNotExist();
        assertThat(stagingFolders()).isZero();
    }

    @Test
    void emptyZip_is200_andWithCleanEmptiesTheFolder() throws Exception {
        byte[] empty = Zips.of(Map.of());
        HttpResponse<String> r = patchZip("fs/local", empty);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"filesWritten\":0");
        assertThat(api.taskDir.resolve("local/keep.txt")).hasContent("kept");

        HttpResponse<String> clean = patchZip("fs/local?clean=true", empty);
        assertThat(clean.statusCode()).isEqualTo(200);
        try (var s = Files.list(api.taskDir.resolve("local"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void emptyZip_intoAMissingFolder_createsIt() throws Exception {
        HttpResponse<String> r = patchZip("fs/local/new", Zips.of(Map.of()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(api.taskDir.resolve("local/new")).isDirectory();
    }

    @Test
    void fileAndFolderOfTheSameName_400NamingTheEntry_nothingChanged() throws Exception {
        for (Map<String, String> entries : java.util.List.of(
                ordered("same", "file", "same/inner.txt", "inner"),
                ordered("same/inner.txt", "inner", "same", "file"))) {
            HttpResponse<String> r = patchZip("fs/local", Zips.of(entries));
            assertThat(r.statusCode()).as(entries.keySet().toString()).isEqualTo(400);
            assertThat(r.body()).contains("same");
            assertThat(api.taskDir.resolve("local/same")).doesNotExist();
            assertThat(stagingFolders()).isZero();
        }
    }

    @Test
    void folderEntryAndFileOfTheSameName_400() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("dup/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("dup"));
            zip.write("file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> r = patchZip("fs/local", bytes.toByteArray());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\\\"dup\\\"");
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
