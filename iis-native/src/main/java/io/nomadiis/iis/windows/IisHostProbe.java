package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.VerRsrc;
import com.sun.jna.platform.win32.VersionUtil;
import io.nomadiis.iis.HostStatus;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * What the fingerprint reports on Windows: w3svc running (from {@code sc query w3svc}), the IIS
 * product version (from InetMgr.exe's version resource), and whether ANCM V2 and URL Rewrite are installed.
 */
final class IisHostProbe {
    static final String NOT_RUNNING = "IIS (w3svc) is not running.";

    private final IisInstallation installation;

    IisHostProbe(IisInstallation installation) {
        this.installation = installation;
    }

    HostStatus status() {
        ServiceQuery.State state = ServiceQuery.parse(scQuery());
        boolean running = state == ServiceQuery.State.RUNNING;
        return new HostStatus(
                running,
                running ? "Healthy" : NOT_RUNNING,
                iisVersion(),
                Files.exists(installation.aspNetCoreModule()),
                Files.exists(installation.rewriteModule()));
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
        } catch (RuntimeException e) {
            return "Unknown";
        }
    }

    private static String scQuery() {
        try {
            Process process = new ProcessBuilder("sc", "query", "w3svc")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(output, Charset.defaultCharset());
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
