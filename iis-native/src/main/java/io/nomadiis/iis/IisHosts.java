package io.nomadiis.iis;

import io.nomadiis.iis.portable.PortableIisHost;

import java.nio.file.Path;

/**
 * Chooses the {@link IisHost} for this machine, once, at plugin start. The Windows host (IIS through
 * AHADMIN) is a later issue: for now every OS, Windows included, gets the portable host.
 */
public final class IisHosts {
    private static final System.Logger LOG = System.getLogger(IisHosts.class.getName());

    private IisHosts() {
    }

    /** The host for this machine, keeping its state under {@code stateDir}; cheap (starts no process). */
    public static IisHost create(Path stateDir) {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            LOG.log(System.Logger.Level.DEBUG, "the Windows IIS host is not available yet; using the portable host");
        }
        return new PortableIisHost(stateDir);
    }
}
