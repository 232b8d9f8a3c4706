package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

/**
 * {@link IisHealthSignals} of this Windows machine: elevation from the process token
 * ({@code GetTokenInformation(TokenElevation)} through JNA), W3SVC's state from {@code sc query w3svc}
 * (parsed by {@link ServiceQuery}). Windows only. Called by the fingerprint thread only.
 */
final class LocalIisHealthSignals implements IisHealthSignals {
    private static final Duration SC_QUERY_LIMIT = Duration.ofSeconds(10);

    @Override
    public boolean elevated() {
        return Advapi32Util.isCurrentProcessElevated();
    }

    @Override
    public ServiceQuery.State w3svc() {
        return ServiceQuery.parse(scQuery());
    }

    private static String scQuery() {
        return BoundedCommand.run(List.of("sc", "query", "w3svc"), SC_QUERY_LIMIT)
                .map(result -> new String(result.output(), Charset.defaultCharset()))
                .orElse("");
    }
}
