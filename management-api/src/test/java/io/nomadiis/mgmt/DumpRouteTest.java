package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.mgmt.dump.ProcdumpCommand;
import io.nomadiis.testing.ExternalTools;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DumpRouteTest {
    FakeIisHost host = new FakeIisHost();
    ApiFixture api;
    Process worker;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(host, Limits.defaults());
        host.addPool(api.task.appPools().get("default"));
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
        worker = new ProcessBuilder("sleep", "300").start();
        host.setWorker(api.task.appPools().get("default"), worker.pid());
        long tempDumpsBefore = tempDumps();
        HttpResponse<byte[]> r = api.sendBytes(
                api.authed(api.taskUrl("procdump?appPoolName=default")).GET().build());
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("default-" + worker.pid());
        assertThat(r.body().length).isGreaterThan(64 * 1024);
        assertThat(r.body()).startsWith(0x7F, 'E', 'L', 'F');
        assertThat(worker.isAlive()).isTrue();
        assertThat(tempDumps()).isEqualTo(tempDumpsBefore);
    }

    private static long tempDumps() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("nomad-iis-dump-"))
                    .count();
        }
    }

    @Test
    void procdump_stoppedPool_409() throws Exception {
        host.stopPool(api.task.appPools().get("default"));
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
