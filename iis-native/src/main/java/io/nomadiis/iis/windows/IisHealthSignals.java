package io.nomadiis.iis.windows;

/**
 * The two facts about this machine that decide whether the Windows host can run sites: whether the
 * plugin process is elevated, and the state of the IIS web service (W3SVC) in the service control
 * manager. {@link LocalIisHealthSignals} reads them from Windows; tests use a double.
 *
 * <p>Called by the fingerprint thread only.
 */
public interface IisHealthSignals {

    /**
     * Whether the process token is elevated (full administrator token, or LocalSystem as Nomad's service
     * runs). AHADMIN refuses writes to {@code applicationHost.config} otherwise ({@code E_ACCESSDENIED}).
     */
    boolean elevated();

    /** W3SVC's state as the service control manager reports it. */
    ServiceQuery.State w3svc();
}
