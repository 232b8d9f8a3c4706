package io.nomadiis.driver.fingerprint;

import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisHost;
import java.util.function.Supplier;

/** What the fingerprint asks of the web server host: which backend it is and how it is doing. */
public interface FingerprintProbe {

    /** {@code windows} or {@code portable}. */
    String backend();

    /** Current health and capabilities; may throw when the host cannot be queried. */
    HostStatus status();

    /**
     * Probes the host {@code host} supplies; the supplier is called on each probe, so it may create the host lazily.
     */
    static FingerprintProbe of(Supplier<? extends IisHost> host) {
        return new FingerprintProbe() {
            @Override
            public String backend() {
                return host.get().backend();
            }

            @Override
            public HostStatus status() {
                return host.get().status();
            }
        };
    }

    /** A probe with a fixed backend whose status comes from {@code status}. */
    static FingerprintProbe of(String backend, Supplier<HostStatus> status) {
        return new FingerprintProbe() {
            @Override
            public String backend() {
                return backend;
            }

            @Override
            public HostStatus status() {
                return status.get();
            }
        };
    }
}
