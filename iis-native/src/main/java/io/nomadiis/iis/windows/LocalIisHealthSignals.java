package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * {@link IisHealthSignals} of this Windows machine: elevation from the process token
 * ({@code GetTokenInformation(TokenElevation)} through JNA), W3SVC's state from {@code sc query w3svc}
 * (parsed by {@link ServiceQuery}). Windows only. Called by the fingerprint thread only.
 */
final class LocalIisHealthSignals implements IisHealthSignals {

    @Override
    public boolean elevated() {
        return Advapi32Util.isCurrentProcessElevated();
    }

    @Override
    public ServiceQuery.State w3svc() {
        return ServiceQuery.parse(scQuery());
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
