package io.nomadiis.iis.portable.service;

import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.portable.JavaCommand;
import io.nomadiis.iis.portable.Json;
import io.nomadiis.iis.portable.ServiceInfo;
import io.nomadiis.iis.portable.StateLayout;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The portable web-server service, one per state dir (the analogue of W3SVC + WAS + HTTP.sys): a
 * detached JVM that owns the configuration, supervises one worker process per started pool, listens on
 * every binding and proxies requests to the workers. It holds {@code service.lock} while it runs,
 * publishes its control port and token in {@code service.json}, and exits (removing its runtime files)
 * once no site and no pool remain and no request came in for a few seconds. A plugin of another build
 * (an upgrade) asks it to hand over: it then exits leaving the workers running, and the new build's
 * service re-adopts them.
 *
 * <p>Usage: {@code PortableWebServer <stateDir>}.
 */
public final class PortableWebServer {
    private static final System.Logger LOG = System.getLogger(PortableWebServer.class.getName());
    private static final Duration IDLE_EXIT = Duration.ofSeconds(2);
    /** How long a fresh service with nothing configured waits for the request it was started for. */
    private static final Duration FIRST_REQUEST_GRACE = Duration.ofSeconds(30);

    private PortableWebServer() {}

    public static void main(String[] args) throws Exception {
        StateLayout layout = new StateLayout(Path.of(args[0]));
        Files.createDirectories(layout.root());
        AtomicFiles.ownerOnly(layout.root());
        FileChannel lockChannel =
                FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = acquire(layout, lockChannel);
        if (lock == null) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "another portable web server runs for this state dir; exiting",
                    LogField.path(layout.root()));
            return;
        }
        ApplicationHost host = new ApplicationHost(layout, ConfigurationStore.load(layout.configFile()));
        host.restore();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        ControlServer control = new ControlServer(host, token);
        int port = control.start();
        ServiceInfo info = new ServiceInfo(ProcessHandle.current().pid(), port, token, JavaCommand.buildId());
        AtomicFiles.write(layout.serviceInfoFile(), Json.MAPPER.writeValueAsBytes(info));
        LOG.log(
                System.Logger.Level.INFO,
                "portable web server serving",
                LogField.pid(info.pid()),
                LogField.path(layout.root()),
                LogField.of("control_port", port));
        boolean orphaned = awaitExit(layout, info, host, control);
        boolean handOver = control.handOverRequested();
        control.close();
        if (orphaned) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the state dir or its service.json was removed; stopping every worker and exiting",
                    LogField.path(layout.root()));
            host.stopAllPools();
        }
        host.closeListeners();
        Files.deleteIfExists(layout.serviceInfoFile());
        if (!handOver) {
            FileTrees.delete(layout.poolsDir());
            Files.deleteIfExists(layout.lockFile());
        }
        lock.release();
        lockChannel.close();
        LOG.log(
                System.Logger.Level.INFO,
                handOver
                        ? "handing over to a service of another build; portable web server exits, workers keep running"
                        : "nothing left to serve; portable web server exits",
                LogField.pid(info.pid()),
                LogField.path(layout.root()));
        System.exit(0);
    }

    /**
     * Returns once the service should exit: a hand-over was requested, nothing is configured and no
     * operation came in for a while, or the state dir was removed under it (returns true then).
     * Operations are refused while deciding, so none slips in between.
     */
    private static boolean awaitExit(StateLayout layout, ServiceInfo info, ApplicationHost host, ControlServer control)
            throws InterruptedException {
        long ticks = 0;
        while (true) {
            while (!control.handOverRequested()
                    && !(host.isEmpty()
                            && control.idleNanos()
                                    > (control.servedAny() ? IDLE_EXIT : FIRST_REQUEST_GRACE).toNanos())) {
                Thread.sleep(250);
                if (++ticks % 4 == 0) {
                    host.recycleDuePools();
                    if (!stillPublished(layout, info)) {
                        return true;
                    }
                }
            }
            control.beginExit(Duration.ofMinutes(5));
            if (control.handOverRequested() || host.isEmpty()) {
                return false;
            }
            control.cancelExit();
        }
    }

    /** Whether {@code service.json} still names this service (it is gone when the state dir was deleted). */
    private static boolean stillPublished(StateLayout layout, ServiceInfo info) {
        try {
            return Json.MAPPER
                            .readValue(layout.serviceInfoFile().toFile(), ServiceInfo.class)
                            .pid()
                    == info.pid();
        } catch (IOException e) {
            return !Files.notExists(layout.serviceInfoFile());
        }
    }

    /**
     * Takes the state dir's lock, waiting up to 15 s for an exiting service to let go. An exiting
     * service deletes the lock file before releasing it, so after locking, the file at the path must
     * still be the locked one: this process writes its PID through the channel and reads it back by path.
     */
    private static FileLock acquire(StateLayout layout, FileChannel first) throws IOException, InterruptedException {
        FileChannel channel = first;
        String pid = Long.toString(ProcessHandle.current().pid());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                channel.truncate(0);
                channel.write(java.nio.ByteBuffer.wrap(pid.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
                channel.force(true);
                boolean same = Files.exists(layout.lockFile())
                        && Files.readString(layout.lockFile(), java.nio.charset.StandardCharsets.US_ASCII)
                                .equals(pid);
                if (same) {
                    return lock;
                }
                lock.release();
                channel.close();
                channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                continue;
            }
            Thread.sleep(100);
        }
        return null;
    }
}
