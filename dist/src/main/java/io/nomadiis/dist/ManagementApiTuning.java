package io.nomadiis.dist;

import io.nomadiis.mgmt.Limits;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Collects the management API's limit and browser options while the command line is parsed:
 * {@code --management-api-max-body-size}, {@code -max-zip-entries}, {@code -max-unzipped-size},
 * {@code -max-zip-ratio}, {@code -idle-timeout} and {@code --management-api-browser}. Sizes take
 * an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024).
 */
final class ManagementApiTuning {
    private Limits limits = Limits.defaults();
    private Path browser;

    /** Applies one option; throws a usage error for a malformed value. */
    void set(String name, String value) throws UsageException {
        Limits l = limits;
        try {
            switch (name) {
                case "--management-api-max-body-size" ->
                    limits = new Limits(
                            size(name, value),
                            l.maxSmallBodyBytes(),
                            l.maxZipEntries(),
                            l.maxUncompressedBytes(),
                            l.maxCompressionRatio(),
                            l.idleSeconds());
                case "--management-api-max-zip-entries" ->
                    limits = new Limits(
                            l.maxBodyBytes(),
                            l.maxSmallBodyBytes(),
                            count(name, value),
                            l.maxUncompressedBytes(),
                            l.maxCompressionRatio(),
                            l.idleSeconds());
                case "--management-api-max-unzipped-size" ->
                    limits = new Limits(
                            l.maxBodyBytes(),
                            l.maxSmallBodyBytes(),
                            l.maxZipEntries(),
                            size(name, value),
                            l.maxCompressionRatio(),
                            l.idleSeconds());
                case "--management-api-max-zip-ratio" ->
                    limits = new Limits(
                            l.maxBodyBytes(),
                            l.maxSmallBodyBytes(),
                            l.maxZipEntries(),
                            l.maxUncompressedBytes(),
                            count(name, value),
                            l.idleSeconds());
                case "--management-api-idle-timeout" -> limits = l.withIdleSeconds(count(name, value));
                case "--management-api-browser" -> browser = Path.of(required(name, value));
                default -> throw new UsageException("unknown argument \"" + name + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid " + name + "=" + value + ": " + e.getMessage());
        }
    }

    Limits limits() {
        return limits;
    }

    Path browser() {
        return browser;
    }

    private static long size(String name, String value) throws UsageException {
        String v = required(name, value).trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + name + "=" + value + ": expected a positive size such as 512m or 4g");
        }
    }

    private static int count(String name, String value) throws UsageException {
        try {
            int n = Integer.parseInt(required(name, value).trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + name + "=" + value + ": expected a positive whole number");
        }
    }

    private static String required(String name, String value) throws UsageException {
        if (value == null || value.isEmpty()) {
            throw new UsageException("missing value for " + name + ": write " + name + "=<value>");
        }
        return value;
    }
}
