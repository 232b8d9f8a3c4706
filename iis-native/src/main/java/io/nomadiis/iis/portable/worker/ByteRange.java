package io.nomadiis.iis.portable.worker;

/** Parses a single-range {@code Range: bytes=...} header against a file size. */
final class ByteRange {
    /** The answer for a range that lies outside the file. */
    static final long[] UNSATISFIABLE = new long[0];

    private ByteRange() {}

    /**
     * {@code [first, last]} (inclusive), {@link #UNSATISFIABLE}, or null when the header is absent,
     * malformed or asks for several ranges (then the whole file is served, as RFC 9110 allows).
     */
    static long[] parse(String header, long size) {
        if (header == null || !header.trim().startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long from = Long.parseLong(first);
            long to = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (from >= size || to < from) {
                return UNSATISFIABLE;
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
