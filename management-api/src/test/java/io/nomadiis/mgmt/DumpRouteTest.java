package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.windows.WindowsIisHostOnDouble;
import io.nomadiis.mgmt.dump.ProcdumpCommand;
import io.nomadiis.mgmt.routes.ProcessMemory;
import io.nomadiis.testing.ExternalTools;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dumps of the workers of the real Windows host over the in-memory IIS (real processes, dumped by gcore). */
class DumpRouteTest {
    /** A worker with about 96 MiB resident, so its dump is far larger than any socket buffer. */
    static final String[] BIG_WORKER = {"python3", "-c", "import time; b=bytearray(96<<20); time.sleep(300)"};

    WindowsIisHostOnDouble iis;
    ApiFixture api;
    Process worker;

    @BeforeEach
    void start() throws Exception {
        iis = new WindowsIisHostOnDouble();
        api = ApiFixture.onIisDouble(
                iis, Limits.defaults(), ManagementOptions.of(0, ApiFixture.API_KEY, ApiFixture.JWT_SECRET, false));
    }

    /** The pool's one worker now. */
    private long poolWorker() {
        PoolRuntime pool = api.defaultPoolRuntime();
        assertThat(pool.workerPids()).as("the pool's workers").hasSize(1);
        return pool.workerPids().get(0);
    }

    /** Recycles the pool with its workers running BIG_WORKER; returns the new worker once it holds its memory. */
    private long bigPoolWorker() throws Exception {
        iis.workerCommand(BIG_WORKER);
        api.host.recyclePool(api.defaultPool());
        long pid = poolWorker();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ProcessMemory.residentBytes(pid) < (90L << 20) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessMemory.residentBytes(pid))
                .as("the worker's resident memory")
                .isGreaterThan(90L << 20);
        return pid;
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.destroyForcibly().waitFor();
        }
        api.close();
    }

    @Test
    void procdump_runningWorker_streamsACoreDumpAndDeletesTheTempFile() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/gcore"), "gdb");
        long pid = poolWorker();
        long tempDumpsBefore = tempDumps();
        HttpResponse<byte[]> r = api.sendBytes(
                api.authed(api.taskUrl("procdump?appPoolName=default")).GET().build());
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .as("named as by the C# plugin")
                .matches("attachment; filename=\"procdump_" + ApiFixture.ALLOC + "_" + ApiFixture.TASK
                        + "_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.dmp\".*");
        assertThat(r.body().length).isGreaterThan(64 * 1024);
        assertThat(r.body()).startsWith(0x7F, 'E', 'L', 'F');
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("the dumped worker runs on")
                .hasValue(true);
        assertThat(poolWorker()).isEqualTo(pid);
        assertThat(tempDumps()).isEqualTo(tempDumpsBefore);
    }

    private static long tempDumps() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("nomad-iis-dump-"))
                    .count();
        }
    }

    /** A process with about 96 MiB resident, so its dump is far larger than any socket buffer. */
    private Process bigWorker() throws Exception {
        Process p = new ProcessBuilder(
                        "python3",
                        "-c",
                        "import sys,time; b=bytearray(96<<20); print('ready', flush=True); time.sleep(300)")
                .redirectErrorStream(true)
                .start();
        assertThat(new String(p.getInputStream().readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("ready");
        return p;
    }

    @Test
    void procdump_concurrentDumpsOfOnePool_oneRunsTheOthers409() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/gcore"), "gdb");
        bigPoolWorker();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(api.client.sendAsync(
                    api.authed(api.taskUrl("procdump")).GET().build(), HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> codes =
                calls.stream().map(c -> c.join().statusCode()).sorted().toList();
        assertThat(codes).as("statuses").containsOnly(200, 409).contains(200, 409);
        assertThat(tempDumps()).isZero();
    }

    @Test
    void procdump_readerStalls_noDumpFileStaysOnDisk() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/gcore"), "gdb");
        bigPoolWorker();
        long before = tempDumps();
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setReceiveBufferSize(16 * 1024);
            s.setSoTimeout(120_000);
            s.getOutputStream()
                    .write(("GET /api/v1/allocs/" + ApiFixture.ALLOC + "/" + ApiFixture.TASK + "/procdump HTTP/1.1\r\n"
                                    + "Host: x\r\nX-Api-Key: " + ApiFixture.API_KEY + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] head = s.getInputStream().readNBytes(12);
            assertThat(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 200");
            // the client now reads nothing more: the server is blocked mid-body
            Thread.sleep(500);
            assertThat(tempDumps()).as("dump folders while the reader stalls").isEqualTo(before);
        }
    }

    @Test
    void procdump_diskCannotHoldTheDump_507_beforeAnyDumpIsTaken() throws Exception {
        long reserve = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir")))
                        .getUsableSpace()
                + (1L << 40);
        long before = tempDumps();
        try (ApiFixture tight = ApiFixture.onIisDouble(
                Limits.defaults().withMinFreeDiskBytes(reserve),
                ManagementOptions.of(0, ApiFixture.API_KEY, ApiFixture.JWT_SECRET, false))) {
            PoolRuntime pool = tight.defaultPoolRuntime();
            assertThat(pool.workerPids()).as("the pool's workers").hasSize(1);
            long pid = pool.workerPids().get(0);
            HttpResponse<String> r = tight.get(tight.taskUrl("procdump?appPoolName=default"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
            assertThat(r.body()).contains("not enough disk space", "a dump of process " + pid);
            assertThat(tempDumps()).isEqualTo(before);
            // the refusal released the pool: the next attempt is checked again, not 409
            assertThat(tight.get(tight.taskUrl("procdump")).statusCode()).isEqualTo(507);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the worker lives on")
                    .isTrue();
        }
    }

    @Test
    void residentMemory_ofARealProcess_isAtLeastWhatItAllocated() throws Exception {
        worker = bigWorker();
        assertThat(ProcessMemory.residentBytes(worker.pid())).isGreaterThan(90L << 20);
    }

    @Test
    void procdump_stoppedPool_409() throws Exception {
        api.host.stopPool(api.defaultPool());
        assertThat(api.get(api.taskUrl("procdump")).statusCode()).isEqualTo(409);
    }

    @Test
    void procdump_unknownPoolAlias_404() throws Exception {
        assertThat(api.get(api.taskUrl("procdump?appPoolName=nope")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void procdumpTool_eulaNotAcceptedOrBinaryMissing_clearErrors() throws Exception {
        Path dir = Files.createTempDirectory("mgmt-procdump");
        try {
            assertThatThrownBy(() -> new io.nomadiis.mgmt.dump.ProcdumpDumpTool(
                                    new io.nomadiis.driver.config.ProcdumpConfig("C:\\tools\\procdump.exe", false))
                            .dump(1, dir))
                    .isInstanceOf(io.nomadiis.mgmt.http.ApiException.class)
                    .hasMessageContaining("eula");
            assertThatThrownBy(() -> new io.nomadiis.mgmt.dump.ProcdumpDumpTool(
                                    new io.nomadiis.driver.config.ProcdumpConfig(
                                            dir.resolve("procdump.exe").toString(), true))
                            .dump(1, dir))
                    .isInstanceOf(io.nomadiis.mgmt.http.ApiException.class)
                    .hasMessageContaining("not found");
        } finally {
            io.nomadiis.mgmt.files.Trees.deleteRecursively(dir);
        }
    }

    @Test
    void procdumpCommand_buildsTheSysinternalsArguments() {
        assertThat(ProcdumpCommand.arguments("C:\\tools\\procdump.exe", true, 4242, Path.of("d.dmp")))
                .containsExactly("C:\\tools\\procdump.exe", "-accepteula", "-ma", "4242", "d.dmp");
        assertThat(ProcdumpCommand.arguments("procdump.exe", false, 7, Path.of("x.dmp")))
                .isEqualTo(List.of("procdump.exe", "-ma", "7", "x.dmp"));
    }
}
