package io.nomadiis.iis.portable.worker;

import java.util.Locale;

/** URL path prefix matching on segment boundaries, ignoring case as IIS does. */
final class UrlPrefix {
    private UrlPrefix() {}

    /** The length of {@code prefix} if it mounts {@code path} ({@code /} mounts everything), else -1. */
    static int match(String prefix, String path) {
        if (prefix.equals("/") || prefix.isEmpty()) {
            return path.startsWith("/") ? 0 : -1;
        }
        String p = path.toLowerCase(Locale.ROOT);
        String x = prefix.toLowerCase(Locale.ROOT);
        if (x.endsWith("/")) {
            x = x.substring(0, x.length() - 1);
        }
        return p.equals(x) || p.startsWith(x + "/") ? x.length() : -1;
    }
}
