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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code GET procdump?appPoolName=default}: a full memory dump of the pool's first worker process,
 * named {@code procdump_<allocId>_<task>_<timestamp>.dmp} as by the C# plugin. One dump per pool at
 * a time (others get 409); the free disk space is checked against the worker's resident memory
 * first (507); the dump is written to a private (owner-only) temp folder, opened, and its folder
 * deleted before the first byte is sent, so a slow or stalled reader never keeps a dump file on
 * disk. Called on API worker threads.
 */
public final class DumpRoute {
    private final Supplier<IisHost> host;
    private final Supplier<ProcdumpConfig> procdump;
    private final Path tempRoot;
    private final long minFreeDiskBytes;
    private final Set<String> dumping = ConcurrentHashMap.newKeySet();

    /** @param minFreeDiskBytes room that must stay free on the temp disk beyond the estimated dump size */
    public DumpRoute(Supplier<IisHost> host, Supplier<ProcdumpConfig> procdump, long minFreeDiskBytes) {
        this(host, procdump, Path.of(System.getProperty("java.io.tmpdir")), minFreeDiskBytes);
    }

    /** @param tempRoot where private dump folders are created */
    DumpRoute(Supplier<IisHost> host, Supplier<ProcdumpConfig> procdump, Path tempRoot, long minFreeDiskBytes) {
        this.host = host;
        this.procdump = procdump;
        this.tempRoot = tempRoot;
        this.minFreeDiskBytes = minFreeDiskBytes;
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                AppPoolRoutes.BASE + "procdump",
                Capability.PROC_DUMP,
                "Full memory dump of the app pool's worker process (procdump on Windows, gcore elsewhere);"
                        + " one at a time per pool (409 while one runs), 507 when the disk has no room for it",
                "application/octet-stream",
                this::dump));
    }

    private void dump(Exchange ex) throws Exception {
        String alias = ex.query("appPoolName").orElse("default");
        String pool = ex.task().appPools().get(alias);
        if (pool == null) {
            throw ApiException.notFound("task " + ex.task().identity().taskName() + " has no app pool " + alias);
        }
        if (!dumping.add(pool)) {
            throw ApiException.conflict("a dump of app pool " + alias + " is already being taken; try again later");
        }
        try {
            dumpOnce(ex, alias, pool);
        } finally {
            dumping.remove(pool);
        }
    }

    private void dumpOnce(Exchange ex, String alias, String pool) throws Exception {
        PoolRuntime runtime = host.get().poolRuntime(pool);
        if (!runtime.workerRunning()) {
            throw ApiException.conflict("app pool " + alias + " has no running worker process to dump");
        }
        long pid = runtime.workerPids().get(0);
        DumpTool tool = DumpTools.select(procdump.get());
        Files.createDirectories(tempRoot);
        checkSpace(pid);
        Path folder = Files.createTempDirectory(tempRoot, "nomad-iis-dump-");
        FileChannel in;
        try {
            Path dump = tool.dump(pid, folder);
            in = FileChannel.open(dump, StandardOpenOption.READ);
        } finally {
            // on Linux the open dump stays readable once unlinked; elsewhere deletion waits for the close
            Trees.deleteQuietly(folder, "a dump folder");
        }
        String name = DownloadNames.procdump(
                ex.task().identity().allocId(),
                ex.task().identity().taskName(),
                LocalDateTime.now(java.time.ZoneId.systemDefault()));
        try (in;
                OutputStream out = ex.stream(
                        200,
                        "application/octet-stream",
                        in.size(),
                        Map.of("Content-Disposition", FileRoutes.disposition(name)))) {
            WritableByteChannel target = Channels.newChannel(out);
            long size = in.size();
            long sent = 0;
            while (sent < size) {
                long n = in.transferTo(sent, size - sent, target);
                if (n <= 0) {
                    throw new IOException("the dump shrank while it was sent");
                }
                sent += n;
            }
        } finally {
            Trees.deleteQuietly(folder, "a dump folder");
        }
    }

    /** 507 when the temp folder's disk has less room than the worker's resident memory plus the reserve. */
    private void checkSpace(long pid) throws IOException {
        DiskSpace.require(
                tempRoot,
                ProcessMemory.residentBytes(pid),
                minFreeDiskBytes,
                "a dump of process " + pid + " in " + tempRoot);
    }
}
