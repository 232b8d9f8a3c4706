package io.nomadiis.iis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web server as the driver sees it: app pools, sites with their applications, virtual
 * directories and bindings, and certificates. Two implementations exist: the portable host
 * (every app pool a real worker process serving HTTP, any OS) and the Windows host (IIS through
 * AHADMIN). Every method is safe to call from several threads.
 *
 * <p>Object names passed here are final IIS names (for example {@code nomad-<alloc>-<task>});
 * naming is the driver's job. Operations that remove things ignore objects that are already gone.
 */
public interface IisHost extends AutoCloseable {

    /**
     * The backend name reported as fingerprint attribute {@code driver.iis.backend}: {@code windows} or {@code
     * portable}.
     */
    String backend();

    /** Health and capabilities of the web server on this host, for the fingerprint. */
    HostStatus status();

    /**
     * Creates the deployment's app pools, then its site (or, when {@link WebsiteDeployment#ownsSite()}
     * is false, only its applications inside the existing site), and starts the pools. All or
     * nothing: on failure whatever this call created is removed again before the exception is thrown.
     */
    void deploy(WebsiteDeployment deployment) throws IisException;

    /**
     * Applies {@code directory_security} to the task's folders after {@link #deploy}: protected access lists
     * (inherited entries copied), the built-in {@code Users} and {@code Authenticated Users} entries removed,
     * the pools' accounts granted (the C# plugin's plan). Waits, bounded, until a new pool's account can be
     * resolved. The portable host has nothing to apply (the default does nothing): its workers run as the
     * plugin's own user.
     *
     * @throws IisException when the plan could not be applied; the task keeps running (the caller reports it)
     */
    default void lockDownDirectories(DirectoryLockdown lockdown) throws IisException {}

    /**
     * Removes the access entries {@link #lockDownDirectories} added for the task, and nothing else; called
     * before {@link #remove} while the task's pools still exist. The default does nothing.
     */
    default void releaseDirectories(DirectoryRelease release) throws IisException {}

    /**
     * Removes exactly the objects named by the removal, stopping pools first. Idempotent. Managed
     * certificates listed in the removal are deleted only when no binding of any remaining site uses them.
     *
     * <p>With a {@link WebsiteRemoval#stopTimeout()}, each pool gets at most that long (or its own shutdown
     * limit, when shorter) to stop; its worker processes still running then are killed, so the call returns
     * about that long after it began (Nomad's StopTask {@code timeout}, from the job's {@code kill_timeout}).
     */
    void remove(WebsiteRemoval removal) throws IisException;

    /** Installs (or finds) the certificate and returns its thumbprint; bindings refer to it by thumbprint. */
    InstalledCertificate installCertificate(CertificateSpec certificate) throws IisException;

    /** Whether a certificate with this thumbprint is in the host's store. */
    boolean certificateExists(String thumbprint);

    /** Names of all sites on the host. */
    List<String> siteNames();

    /** Names of all app pools on the host. */
    List<String> poolNames();

    /** The site's current configuration, if the site exists. */
    Optional<SiteSpec> site(String name);

    /**
     * The pool's runtime state and worker PIDs; {@link PoolState#UNKNOWN} with no PIDs if it does not exist
     * ({@link PoolRuntime.Presence#ABSENT}) or its state cannot be read now ({@link PoolRuntime.Presence#UNREADABLE}).
     */
    PoolRuntime poolRuntime(String poolName);

    /**
     * One runtime snapshot of several pools, keyed by the names asked for. Hosts that can read all pools at
     * once override this so that its cost grows with the number of pools, not with the number of callers.
     */
    default Map<String, PoolRuntime> poolRuntimes(Collection<String> poolNames) {
        Map<String, PoolRuntime> runtimes = new LinkedHashMap<>();
        for (String name : poolNames) {
            runtimes.put(name, poolRuntime(name));
        }
        return runtimes;
    }

    /** Starts the pool's worker; a started pool stays started. */
    void startPool(String poolName) throws IisException;

    /** Stops the pool's worker; requests then get 503 or a dropped connection, per the pool's settings. */
    void stopPool(String poolName) throws IisException;

    /** Replaces the pool's worker with a new one (new PID). */
    void recyclePool(String poolName) throws IisException;

    /** Releases the host's resources in this process; sites and workers keep running. */
    @Override
    void close();
}
