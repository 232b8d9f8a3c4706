package io.nomadiis.driver.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One decoded block body (a node of the reader's value tree) with its path, e.g. {@code application[0]},
 * and the shared list of violations. Typed getters return what the reader produced; the validating getters
 * record a violation naming path, attribute, value and what is allowed, and return null.
 */
final class ConfigBlock {

    private final String path;
    private final Map<String, Object> values;
    private final List<String> violations;

    ConfigBlock(String path, Map<String, Object> values, List<String> violations) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
        this.violations = violations;
    }

    /** The block's own path ({@code config} for the root). */
    String path() {
        return path.isEmpty() ? "config" : path;
    }

    /** The path of one attribute, e.g. {@code application_pool[1].name}. */
    String where(String attribute) {
        return path.isEmpty() ? attribute : path + "." + attribute;
    }

    /** Records a violation of {@code attribute}: {@code "<path>.<attribute>: <problem>"}. */
    void reject(String attribute, String problem) {
        violations.add(where(attribute) + ": " + problem);
    }

    /** Records a violation of the block itself. */
    void rejectBlock(String problem) {
        violations.add(path() + ": " + problem);
    }

    String string(String attribute) {
        return (String) values.get(attribute);
    }

    Boolean bool(String attribute) {
        return (Boolean) values.get(attribute);
    }

    boolean bool(String attribute, boolean fallback) {
        Boolean value = bool(attribute);
        return value == null ? fallback : value;
    }

    BigDecimal number(String attribute) {
        return (BigDecimal) values.get(attribute);
    }

    /** A list of strings; absent is empty; null elements are dropped. */
    List<String> strings(String attribute) {
        Object value = values.get(attribute);
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream().filter(item -> item != null).forEach(item -> result.add(item.toString()));
        }
        return result;
    }

    /** A single nested block, or null when absent. */
    @SuppressWarnings("unchecked")
    ConfigBlock block(String name) {
        Object value = values.get(name);
        return value instanceof Map<?, ?> map
                ? new ConfigBlock(where(name), (Map<String, Object>) map, violations)
                : null;
    }

    /** A block list; each element knows its index, e.g. {@code binding[2]}. */
    List<ConfigBlock> blocks(String name) {
        return blocks(name, name);
    }

    /** A block list whose elements are named {@code displayName[i]} in messages. */
    @SuppressWarnings("unchecked")
    List<ConfigBlock> blocks(String name, String displayName) {
        Object value = values.get(name);
        List<ConfigBlock> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> body = list.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                String itemPath = (path.isEmpty() ? "" : path + ".") + displayName + "[" + i + "]";
                result.add(new ConfigBlock(itemPath, body, violations));
            }
        }
        return result;
    }

    /** A duration attribute in {@link DurationText} syntax, or null when absent or invalid (recorded). */
    Duration duration(String attribute) {
        String text = string(attribute);
        if (text == null) {
            return null;
        }
        return DurationText.parse(text).orElseGet(() -> {
            reject(attribute, quote(text) + " is not a valid duration; use " + DurationText.ALLOWED);
            return null;
        });
    }

    /** A case-insensitive enum attribute, or null when absent or invalid (recorded). */
    <E extends Enum<E>> E choice(String attribute, E[] options, Function<E, String> spelling) {
        String text = string(attribute);
        if (text == null) {
            return null;
        }
        for (E option : options) {
            if (spelling.apply(option).equalsIgnoreCase(text.trim())) {
                return option;
            }
        }
        reject(
                attribute,
                quote(text) + " is not allowed; use "
                        + oneOf(Arrays.stream(options).map(spelling).toList()));
        return null;
    }

    /** {@code "a", "b" or "c"} for messages. */
    static String oneOf(List<String> options) {
        List<String> quoted = options.stream().map(ConfigBlock::quote).toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    /** A value in double quotes with control characters escaped, for messages. */
    static String quote(String value) {
        return value.chars()
                .mapToObj(c -> c == '"'
                        ? "\\\""
                        : c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining("", "\"", "\""));
    }
}
