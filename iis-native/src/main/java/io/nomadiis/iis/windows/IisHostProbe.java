package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.VerRsrc;
import com.sun.jna.platform.win32.VersionUtil;
import io.nomadiis.iis.HostStatus;
import java.nio.file.Files;

/**
 * What the fingerprint reports on Windows. Healthy only when the plugin is elevated and W3SVC runs:
 * <ul>
 *   <li>not elevated: unhealthy, because AHADMIN refuses configuration writes with {@code E_ACCESSDENIED}
 *       (the C# plugin exits in that case; this driver stays loaded and says why);
 *   <li>W3SVC not installed, or in any state other than RUNNING: unhealthy, naming the state (the C#
 *       plugin's rule: {@code w3svc} Running is healthy).
 * </ul>
 * Elevation is checked first: a non-elevated process may not even be able to query everything else.
 * Also reported: the IIS product version (InetMgr.exe's version resource) and whether ANCM V2 and URL
 * Rewrite are installed. Called by the fingerprint thread only.
 */
final class IisHostProbe {
    static final String NOT_ELEVATED = "the plugin is not running with administrator rights (not elevated): "
            + "IIS configuration cannot be changed; run the Nomad agent elevated or as LocalSystem";
    static final String NOT_INSTALLED = "IIS (w3svc) is not installed: install the Web-Server role";
    static final String NOT_RUNNING = "IIS (w3svc) is not running";

    private final IisInstallation installation;
    private final IisHealthSignals signals;

    IisHostProbe(IisInstallation installation) {
        this(installation, new LocalIisHealthSignals());
    }

    IisHostProbe(IisInstallation installation, IisHealthSignals signals) {
        this.installation = installation;
        this.signals = signals;
    }

    HostStatus status() {
        String problem = problem(signals);
        return new HostStatus(
                problem == null,
                problem == null ? "Healthy" : problem,
                iisVersion(),
                Files.exists(installation.aspNetCoreModule()),
                Files.exists(installation.rewriteModule()));
    }

    /** Why the Windows host cannot run sites now, or null when it can. */
    static String problem(IisHealthSignals signals) {
        if (!signals.elevated()) {
            return NOT_ELEVATED;
        }
        ServiceQuery.State state = signals.w3svc();
        return switch (state) {
            case RUNNING -> null;
            case NOT_INSTALLED -> NOT_INSTALLED;
            case UNKNOWN -> NOT_RUNNING + " (its state cannot be read from the service control manager)";
            default -> NOT_RUNNING + " (state " + state + ")";
        };
    }

    private String iisVersion() {
        if (!Files.exists(installation.inetMgr())) {
            return "Unknown";
        }
        try {
            VerRsrc.VS_FIXEDFILEINFO info =
                    VersionUtil.getFileVersionInfo(installation.inetMgr().toString());
            return info.getProductVersionMajor() + "." + info.getProductVersionMinor() + "."
                    + info.getProductVersionRevision() + "." + info.getProductVersionBuild();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "Unknown";
        }
    }
}
