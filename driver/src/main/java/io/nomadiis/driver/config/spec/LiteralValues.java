package io.nomadiis.driver.config.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Normalises literal values (every number an exact {@link BigDecimal}) and renders them as HCL expressions. */
public final class LiteralValues {

    private LiteralValues() {}

    /** Numbers become BigDecimal, collections become unmodifiable copies; anything else is refused. */
    static Object normalize(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Number number) {
            return toBigDecimal(number);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(normalize(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException(
                "unsupported literal value of type " + value.getClass().getName());
    }

    /** Any Java number as an exact BigDecimal. */
    public static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    static String expression(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof BigDecimal d) {
            BigDecimal stripped = d.stripTrailingZeros();
            return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LiteralValues::expression).collect(Collectors.joining(", ", "[", "]"));
        }
        Map<?, ?> map = (Map<?, ?>) value;
        return map.entrySet().stream()
                .map(e -> quote(String.valueOf(e.getKey())) + " = " + expression(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** An HCL quoted template that evaluates to exactly {@code s} (no interpolation). */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean templateStart = i + 1 < s.length() && s.charAt(i + 1) == '{';
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '$', '%' -> out.append(templateStart ? "" + c + c : String.valueOf(c));
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
