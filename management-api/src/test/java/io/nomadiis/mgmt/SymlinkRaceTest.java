package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 3: a workload swaps a folder of its task directory for a link to an outside folder
 * in a tight loop while the API reads, writes, extracts into and deletes through that folder. Not
 * one byte outside may be read or changed.
 */
class SymlinkRaceTest {
    static final int ITERATIONS = 300;

    ApiFixture api;
    Path outside;
    Map<String, String> outsideBefore;
    final AtomicBoolean swapping = new AtomicBoolean(true);
    final AtomicLong swaps = new AtomicLong();
    Thread swapper;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.onIisDouble(new Limits(1 << 20, 1024, 100, 4L << 20, 50));
        outside = Files.createDirectories(api.root.resolve("outside"));
        Files.writeString(outside.resolve("file.txt"), "SECRET-OUTSIDE");
        Files.writeString(outside.resolve("victim.txt"), "must survive");
        Files.createDirectories(outside.resolve("nested"));
        Files.writeString(outside.resolve("nested/deep.txt"), "SECRET-DEEP");
        outsideBefore = Zips.tree(outside);
        Path local = api.taskDir.resolve("local");
        Path real = Files.createDirectories(local.resolve("sub"));
        Files.writeString(real.resolve("file.txt"), "inside");
        Files.writeString(real.resolve("victim.txt"), "inside victim");
        Files.createDirectories(real.resolve("nested"));
        Files.writeString(real.resolve("nested/deep.txt"), "inside deep");
        swapper = new Thread(() -> swapLoop(local), "swapper");
        swapper.setDaemon(true);
        swapper.start();
    }

    /**
     * sub is the real folder; then a link, flipping (by atomic renames, so it always exists) between
     * the real folder (parked, inside the task directory) and the outside folder; then the folder again.
     */
    private void swapLoop(Path local) {
        Path sub = local.resolve("sub");
        Path parkedFolder = local.resolve("parked-folder");
        Path tmp = local.resolve("tmp-link");
        while (swapping.get()) {
            try {
                Files.move(sub, parkedFolder, StandardCopyOption.ATOMIC_MOVE);
                for (int k = 0; k < 10; k++) {
                    Files.deleteIfExists(tmp);
                    Files.createSymbolicLink(tmp, k % 2 == 0 ? outside : parkedFolder);
                    Files.move(tmp, sub, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.delete(sub);
                Files.move(parkedFolder, sub, StandardCopyOption.ATOMIC_MOVE);
                swaps.incrementAndGet();
                // leave the real folder in place for a moment, so that some requests meet it even on a loaded machine
                Thread.sleep(1);
            } catch (Exception e) {
                recover(sub, parkedFolder);
            }
        }
    }

    /** The API created or changed something the loop expected (e.g. re-created a missing sub): start over. */
    private static void recover(Path sub, Path parkedFolder) {
        try {
            if (Files.isDirectory(parkedFolder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isDirectory(sub, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    io.nomadiis.mgmt.files.Trees.deleteRecursively(sub);
                }
                Files.deleteIfExists(sub);
                Files.move(parkedFolder, sub, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (Exception again) {
            // next round
        }
    }

    @AfterEach
    void stop() throws Exception {
        swapping.set(false);
        swapper.join(10_000);
        api.close();
    }

    @Test
    void swappingAFolderForALink_neverReadsOrWritesOutside() throws Exception {
        List<String> leaks = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            HttpResponse<byte[]> file = api.sendBytes(
                    api.authed(api.taskUrl("fs/local/sub/file.txt")).GET().build());
            if (new String(file.body(), StandardCharsets.ISO_8859_1).contains("SECRET")) {
                leaks.add("GET file " + i);
            }
            ok += file.statusCode() == 200 ? 1 : 0;
            HttpResponse<byte[]> folder =
                    api.sendBytes(api.authed(api.taskUrl("fs/local/sub")).GET().build());
            if (folder.statusCode() == 200
                    && Zips.read(folder.body()).values().stream().anyMatch(v -> v.contains("SECRET"))) {
                leaks.add("GET folder " + i);
            }
            HttpResponse<byte[]> deep = api.sendBytes(api.authed(api.taskUrl("fs/local/sub/nested/deep.txt"))
                    .GET()
                    .build());
            if (new String(deep.body(), StandardCharsets.ISO_8859_1).contains("SECRET")) {
                leaks.add("GET deep " + i);
            }
            api.upload(
                    "PATCH",
                    api.taskUrl("fs/local/sub/written-" + i + ".txt"),
                    "text/plain",
                    "pwned".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            api.upload(
                    "PATCH",
                    api.taskUrl("fs/local/sub/file.txt"),
                    "text/plain",
                    "overwritten".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            api.upload(
                    "PATCH",
                    api.taskUrl("fs/local/sub"),
                    "application/zip",
                    Zips.of(Map.of("zipped-" + i + ".txt", "pwned", "nested/deep.txt", "pwned")));
            api.send(api.authed(api.taskUrl("fs/local/sub/victim.txt")).DELETE().build());
            api.send(api.authed(api.taskUrl("fs/local/sub/nested/*")).DELETE().build());
        }
        swapping.set(false);
        swapper.join(10_000);
        assertThat(swaps.get()).as("the swapper really raced the requests").isGreaterThan(ITERATIONS);
        assertThat(ok).as("some reads met the real folder").isGreaterThan(0);
        assertThat(leaks).as("reads that returned outside content").isEmpty();
        assertThat(Zips.tree(outside)).as("the outside folder").isEqualTo(outsideBefore);
    }
}
