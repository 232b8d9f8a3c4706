package io.nomadiis.iis.windows;

import java.util.ArrayList;
import java.util.List;

/** Windows security identifiers: the binary layout and the {@code S-1-5-...} text, converted in plain Java. */
public final class Sids {
    /** {@code BUILTIN\Users}. */
    public static final String USERS = "S-1-5-32-545";
    /** {@code NT AUTHORITY\Authenticated Users}. */
    public static final String AUTHENTICATED_USERS = "S-1-5-11";
    /** {@code NT AUTHORITY\SYSTEM}. */
    public static final String LOCAL_SYSTEM = "S-1-5-18";
    /** {@code NT AUTHORITY\LOCAL SERVICE}. */
    public static final String LOCAL_SERVICE = "S-1-5-19";
    /** {@code NT AUTHORITY\NETWORK SERVICE}. */
    public static final String NETWORK_SERVICE = "S-1-5-20";
    /** {@code IUSR}, the anonymous-authentication account. */
    public static final String IUSR = "S-1-5-17";

    private Sids() {}

    /** Whether the text is a SID string rather than an account name. */
    public static boolean isSid(String text) {
        return text != null && text.matches("S-1-\\d+(-\\d+)*");
    }

    /**
     * The binary SID of a SID string.
     *
     * @throws IllegalArgumentException when the text is not a SID
     */
    public static byte[] toBytes(String sid) {
        if (!isSid(sid)) {
            throw new IllegalArgumentException("not a SID: \"" + sid + "\"");
        }
        String[] parts = sid.split("-");
        int count = parts.length - 3;
        if (count > 15) {
            throw new IllegalArgumentException("too many sub-authorities in SID \"" + sid + "\"");
        }
        byte[] bytes = new byte[8 + 4 * count];
        bytes[0] = 1;
        bytes[1] = (byte) count;
        long authority = Long.parseLong(parts[2]);
        for (int i = 0; i < 6; i++) {
            bytes[7 - i] = (byte) (authority >>> (8 * i));
        }
        for (int i = 0; i < count; i++) {
            long sub = Long.parseUnsignedLong(parts[3 + i]);
            for (int b = 0; b < 4; b++) {
                bytes[8 + 4 * i + b] = (byte) (sub >>> (8 * b));
            }
        }
        return bytes;
    }

    /** The SID string of a binary SID starting at {@code offset}. */
    public static String toString(byte[] bytes, int offset) {
        int count = bytes[offset + 1] & 0xFF;
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | (bytes[offset + 2 + i] & 0xFF);
        }
        List<String> parts = new ArrayList<>();
        parts.add("S-" + (bytes[offset] & 0xFF) + "-" + authority);
        for (int i = 0; i < count; i++) {
            long sub = 0;
            for (int b = 3; b >= 0; b--) {
                sub = (sub << 8) | (bytes[offset + 8 + 4 * i + b] & 0xFF);
            }
            parts.add(Long.toString(sub));
        }
        return String.join("-", parts);
    }

    /** The length in bytes of the binary SID starting at {@code offset}. */
    public static int length(byte[] bytes, int offset) {
        return 8 + 4 * (bytes[offset + 1] & 0xFF);
    }
}
