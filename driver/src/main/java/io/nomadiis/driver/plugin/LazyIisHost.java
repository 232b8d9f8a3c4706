package io.nomadiis.driver.plugin;

import static java.util.Objects.requireNonNull;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.hosts.IisHosts;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The process's one {@link IisHost}, created on first use so the go-plugin handshake never waits
 * for it (short-lived probe launches of Nomad never touch the web server). Closing releases the
 * host's resources in this process only; sites and workers keep running.
 *
 * <p>Threads: {@link #get} is called from the gRPC call executor, the driver's {@code iis-task-driver-*}
 * scheduler, fingerprint computations and management API workers; the first call creates the host under this
 * object's monitor (double-checked on a volatile field), later calls never lock. {@link #close} runs on the
 * thread that shuts the plugin down.
 */
public final class LazyIisHost implements Supplier<IisHost>, AutoCloseable {

    private final Path stateDir;
    private volatile IisHost host;

    /** A host keeping its state under {@code stateDir}, not yet created. */
    public LazyIisHost(Path stateDir) {
        this.stateDir = requireNonNull(stateDir, "stateDir");
    }

    /** The host, created on the first call. */
    @Override
    public IisHost get() {
        IisHost current = host;
        if (current == null) {
            synchronized (this) {
                current = host;
                if (current == null) {
                    current = IisHosts.create(stateDir);
                    host = current;
                }
            }
        }
        return current;
    }

    /** Whether the host was created. */
    public boolean isCreated() {
        return host != null;
    }

    @Override
    public void close() {
        IisHost current = host;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return "web server host (" + stateDir + ")";
    }
}
