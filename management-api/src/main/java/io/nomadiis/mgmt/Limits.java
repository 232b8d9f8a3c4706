package io.nomadiis.mgmt;

/**
 * Size limits of the management API, all configurable.
 *
 * @param maxBodyBytes largest upload body accepted (413 beyond)
 * @param maxSmallBodyBytes largest body accepted by routes that do not read one
 * @param maxZipEntries most entries an uploaded zip may hold
 * @param maxUncompressedBytes most bytes an uploaded zip may expand to
 * @param maxCompressionRatio largest uncompressed/compressed ratio of one entry, and of the whole zip
 *                            (beyond {@link #RATIO_FLOOR_BYTES}; zip bomb guard)
 * @param idleSeconds a connection that sends nothing for this long while the server waits for it
 *                    (request body or next request) is closed; a stalled upload is aborted
 */
public record Limits(
        long maxBodyBytes,
        long maxSmallBodyBytes,
        int maxZipEntries,
        long maxUncompressedBytes,
        int maxCompressionRatio,
        int idleSeconds) {

    /** Entries smaller than this are never refused for their ratio (tiny files compress well). */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Deepest folder nesting an uploaded zip entry may have (deeper entries are refused with 413). */
    public static final int MAX_ZIP_DEPTH = 128;

    public Limits {
        if (maxBodyBytes <= 0
                || maxSmallBodyBytes < 0
                || maxZipEntries <= 0
                || maxUncompressedBytes <= 0
                || maxCompressionRatio <= 0
                || idleSeconds <= 0) {
            throw new IllegalArgumentException("management api limits must be positive");
        }
    }

    /** Limits with the default idle timeout. */
    public Limits(
            long maxBodyBytes,
            long maxSmallBodyBytes,
            int maxZipEntries,
            long maxUncompressedBytes,
            int maxCompressionRatio) {
        this(maxBodyBytes, maxSmallBodyBytes, maxZipEntries, maxUncompressedBytes, maxCompressionRatio, 60);
    }

    /** 4 GiB bodies, 64 KiB small bodies, 200 000 zip entries, 16 GiB uncompressed, ratio 200, 60 s idle. */
    public static Limits defaults() {
        return new Limits(4L << 30, 64L << 10, 200_000, 16L << 30, 200, 60);
    }

    /** These limits with another idle timeout. */
    public Limits withIdleSeconds(int seconds) {
        return new Limits(
                maxBodyBytes, maxSmallBodyBytes, maxZipEntries, maxUncompressedBytes, maxCompressionRatio, seconds);
    }
}
