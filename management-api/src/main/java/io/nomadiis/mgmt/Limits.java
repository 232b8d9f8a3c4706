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
 * @param minFreeDiskBytes room an upload or a process dump must leave free on its disk beyond its own
 *                         (announced or estimated) size; less answers 507 before anything is written
 */
public record Limits(
        long maxBodyBytes,
        long maxSmallBodyBytes,
        int maxZipEntries,
        long maxUncompressedBytes,
        int maxCompressionRatio,
        int idleSeconds,
        long minFreeDiskBytes) {

    /** Default room left free on the disk beyond an upload's or a dump's size. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L << 20;

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
                || idleSeconds <= 0
                || minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("management api limits must be positive");
        }
    }

    /** Limits with the default free-disk reserve. */
    public Limits(
            long maxBodyBytes,
            long maxSmallBodyBytes,
            int maxZipEntries,
            long maxUncompressedBytes,
            int maxCompressionRatio,
            int idleSeconds) {
        this(
                maxBodyBytes,
                maxSmallBodyBytes,
                maxZipEntries,
                maxUncompressedBytes,
                maxCompressionRatio,
                idleSeconds,
                DEFAULT_MIN_FREE_DISK_BYTES);
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

    /**
     * 4 GiB bodies, 64 KiB small bodies, 200 000 zip entries, 16 GiB uncompressed, ratio 200, 60 s idle,
     * 64 MiB left free on the disk.
     */
    public static Limits defaults() {
        return new Limits(4L << 30, 64L << 10, 200_000, 16L << 30, 200, 60);
    }

    /** These limits with another idle timeout. */
    public Limits withIdleSeconds(int seconds) {
        return new Limits(
                maxBodyBytes,
                maxSmallBodyBytes,
                maxZipEntries,
                maxUncompressedBytes,
                maxCompressionRatio,
                seconds,
                minFreeDiskBytes);
    }

    /** These limits with another free-disk reserve (see {@link #minFreeDiskBytes}). */
    public Limits withMinFreeDiskBytes(long bytes) {
        return new Limits(
                maxBodyBytes,
                maxSmallBodyBytes,
                maxZipEntries,
                maxUncompressedBytes,
                maxCompressionRatio,
                idleSeconds,
                bytes);
    }
}
