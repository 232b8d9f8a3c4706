package io.nomadiis.mgmt.routes;

import io.nomadiis.driver.config.ProcdumpConfig;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.dump.DumpTool;
import io.nomadiis.mgmt.dump.DumpTools;
import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET procdump?appPoolName=default}: a full memory dump of the pool's first worker process,
 * written to a private temp folder, streamed, and deleted afterwards.
 */
public final class DumpRoute {
    private final Supplier<IisHost> host;
    private final Supplier<ProcdumpConfig> procdump;

    public DumpRoute(Supplier<IisHost> host, Supplier<ProcdumpConfig> procdump) {
        this.host = host;
        this.procdump = procdump;
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                AppPoolRoutes.BASE + "procdump",
                Capability.PROC_DUMP,
                "Full memory dump of the app pool's worker process (procdump on Windows, gcore elsewhere)",
                "application/octet-stream",
                this::dump));
    }

    private void dump(Exchange ex) throws Exception {
        String alias = ex.query("appPoolName").orElse("default");
        String pool = ex.task().appPools().get(alias);
        if (pool == null) {
            throw ApiException.notFound("task " + ex.task().identity().taskName() + " has no app pool " + alias);
        }
        PoolRuntime runtime = host.get().poolRuntime(pool);
        if (!runtime.workerRunning()) {
            throw ApiException.conflict("app pool " + alias + " has no running worker process to dump");
        }
        long pid = runtime.workerPids().get(0);
        DumpTool tool = DumpTools.select(procdump.get());
        Path folder = Files.createTempDirectory("nomad-iis-dump-");
        try {
            Path dump = tool.dump(pid, folder);
            String name = alias + "-" + pid + (tool.name().equals("gcore") ? ".core" : ".dmp");
            try (InputStream in = Files.newInputStream(dump);
                    OutputStream out = ex.stream(
                            200,
                            "application/octet-stream",
                            Files.size(dump),
                            Map.of("Content-Disposition", FileRoutes.disposition(name)))) {
                in.transferTo(out);
            }
        } finally {
            Trees.deleteRecursively(folder);
        }
    }
}
