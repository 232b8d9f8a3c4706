package io.nomadiis.driver.config.msgpack;

import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.LiteralValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/** Writes one value of a known HCL type the way cty's msgpack marshaller does. */
final class TypedValueWriter {

    /** Go's string order: bytewise over UTF-8. */
    static final Comparator<String> BYTEWISE =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final MessagePacker out;

    TypedValueWriter(MessagePacker out) {
        this.out = out;
    }

    void write(HclType type, Object value, String path) throws IOException {
        if (value == null) {
            out.packNil();
        } else if (type instanceof HclType.ListOf list) {
            writeArray(list.element(), value, path);
        } else if (type instanceof HclType.SetOf set) {
            writeArray(set.element(), value, path);
        } else if (type instanceof HclType.MapOf map) {
            writeMap(map.element(), CtyMsgpackWriter.asMap(value, path), path);
        } else if (type instanceof HclType.ObjectOf object) {
            writeObject(object, CtyMsgpackWriter.asMap(value, path), path);
        } else if (type instanceof HclType.TupleOf tuple) {
            List<?> items = List.copyOf(CtyMsgpackWriter.asCollection(value, path));
            out.packArrayHeader(items.size());
            for (int i = 0; i < items.size(); i++) {
                HclType element = i < tuple.elements().size() ? tuple.elements().get(i) : HclType.ANY;
                write(element, items.get(i), path + "[" + i + "]");
            }
        } else if (type == HclType.STRING) {
            writeString(asText(value));
        } else if (type == HclType.NUMBER) {
            writeNumber(asNumber(value, path));
        } else if (type == HclType.BOOL) {
            out.packBoolean(asBool(value, path));
        } else {
            writeAny(value, path);
        }
    }

    private void writeAny(Object value, String path) throws IOException {
        if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Boolean b) {
            out.packBoolean(b);
        } else if (value instanceof Number n) {
            writeNumber(LiteralValues.toBigDecimal(n));
        } else if (value instanceof Map<?, ?> map) {
            writeMap(HclType.ANY, map, path);
        } else if (value instanceof Collection<?>) {
            writeArray(HclType.ANY, value, path);
        } else {
            throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": cannot encode a "
                    + value.getClass().getSimpleName());
        }
    }

    private void writeArray(HclType element, Object value, String path) throws IOException {
        Collection<?> items = CtyMsgpackWriter.asCollection(value, path);
        out.packArrayHeader(items.size());
        int i = 0;
        for (Object item : items) {
            write(element, item, path + "[" + i++ + "]");
        }
    }

    private void writeMap(HclType element, Map<?, ?> map, String path) throws IOException {
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.sort(BYTEWISE);
        out.packMapHeader(keys.size());
        for (String key : keys) {
            writeString(key);
            write(element, map.get(key), path + "[\"" + key + "\"]");
        }
    }

    private void writeObject(HclType.ObjectOf object, Map<?, ?> map, String path) throws IOException {
        List<String> keys = new ArrayList<>(object.attributes().keySet());
        keys.sort(BYTEWISE);
        out.packMapHeader(keys.size());
        for (String key : keys) {
            writeString(key);
            write(object.attributes().get(key), map.get(key), CtyMsgpackReader.join(path, key));
        }
    }

    /** A str with the smallest header (fixstr, str8, str16, str32); never bin. */
    void writeString(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.packRawStringHeader(bytes.length);
        out.writePayload(bytes);
    }

    /** Integers fitting int64: smallest int form (unsigned when non-negative); float64 when exact; else text. */
    void writeNumber(BigDecimal number) throws IOException {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integer = stripped.toBigIntegerExact();
            if (stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
                out.packLong(integer.longValue());
            } else {
                writeString(integer.toString());
            }
            return;
        }
        double asDouble = stripped.doubleValue();
        if (!Double.isInfinite(asDouble) && new BigDecimal(asDouble).compareTo(stripped) == 0) {
            out.packDouble(asDouble);
        } else {
            writeString(stripped.toPlainString());
        }
    }

    private static String asText(Object value) {
        if (value instanceof Number n) {
            BigDecimal d = LiteralValues.toBigDecimal(n).stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return value.toString();
    }

    private static BigDecimal asNumber(Object value, String path) {
        if (value instanceof Number n) {
            return LiteralValues.toBigDecimal(n);
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": not a number: " + value, e);
        }
    }

    private static boolean asBool(Object value, String path) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": not a bool: " + value);
    }
}
