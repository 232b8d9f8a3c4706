package io.nomadiis.driver.config.msgpack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixtures written as text: hex bytes separated by spaces, and "quoted" ASCII runs. */
public final class Bytes {

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|([0-9a-fA-F]{2})");

    private Bytes() {}

    /** {@code of("82 a1 \"a\" c0")}: hex bytes and quoted strings (the string bytes only, no header). */
    public static byte[] of(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher matcher = TOKEN.matcher(text);
        int position = 0;
        while (matcher.find()) {
            if (!text.substring(position, matcher.start()).isBlank()) {
                throw new IllegalArgumentException("bad fixture text near " + text.substring(position));
            }
            if (matcher.group(1) != null) {
                out.writeBytes(matcher.group(1).getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(Integer.parseInt(matcher.group(2), 16));
            }
            position = matcher.end();
        }
        return out.toByteArray();
    }

    /** Lower-case hex with spaces, for readable assertion failures. */
    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
