package io.nomadiis.driver.log;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Builds one hclog JSON log line: {@code @level}, {@code @message}, {@code @module}, {@code @timestamp}
 * (UTC, exactly six fractional digits) and flat key/values, newline-terminated. Hand-written so
 * that logging costs no JSON library at plugin start.
 */
final class HclogLine {

    private final StringBuilder json = new StringBuilder(256);

    HclogLine(LogLevel level, String message, String module, long epochSecond, int nanos) {
        json.append("{\"@level\":\"").append(level.hclogName()).append('"');
        field("@message", message);
        if (module != null && !module.isEmpty()) {
            field("@module", module);
        }
        json.append(",\"@timestamp\":\"");
        appendTimestamp(json, epochSecond, nanos);
        json.append('"');
    }

    /** Adds a key/value; strings are escaped, numbers and booleans keep their JSON type. */
    HclogLine field(String key, Object value) {
        json.append(',');
        appendString(json, key);
        json.append(':');
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f)) {
            json.append(value);
        } else {
            appendString(json, String.valueOf(value));
        }
        return this;
    }

    /** The finished line, ending in {@code \n}. */
    String finish() {
        return json.append("}\n").toString();
    }

    /** Formats {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'} without a DateTimeFormatter. */
    static void appendTimestamp(StringBuilder out, long epochSecond, int nanos) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, nanos / 1000, 6).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** Appends {@code text} as a JSON string literal. */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
