package io.nomadiis.iis.windows;

/**
 * Turns the Java objects JNA makes of AHADMIN VARIANTs (Integer, Long, JNA's unsigned integer types,
 * which are Numbers, Boolean, String) into the plain values the host needs.
 */
public final class ComValues {
    private ComValues() {}

    /** A number from a VARIANT value, or {@code fallback} when it is absent or not numeric. */
    public static long toLong(Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Text from a VARIANT value; null and empty stay empty. */
    public static String toText(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A boolean from a VARIANT value, or null when absent. */
    public static Boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s && !s.isBlank()) {
            return Boolean.parseBoolean(s.trim());
        }
        return null;
    }
}
