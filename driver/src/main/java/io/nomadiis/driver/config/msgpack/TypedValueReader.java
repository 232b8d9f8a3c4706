package io.nomadiis.driver.config.msgpack;

import io.nomadiis.driver.config.spec.HclType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads one msgpack value of a known HCL type. Numbers become BigDecimal whatever their encoding (any
 * integer marker, float32/float64, decimal string); strings may arrive as str (cty) or, leniently, bin.
 * A value of the wrong type is skipped and recorded as a violation.
 */
final class TypedValueReader {

    /** Deeper values are refused instead of risking the stack; no real config comes close. */
    static final int MAX_DEPTH = 64;

    private final MessageUnpacker in;
    private final List<String> violations;
    private int depth;

    TypedValueReader(MessageUnpacker in, List<String> violations) {
        this.in = in;
        this.violations = violations;
    }

    Object read(HclType type, String path) throws IOException {
        if (depth >= MAX_DEPTH) {
            violations.add(CtyMsgpackReader.where(path) + ": value nested deeper than " + MAX_DEPTH + " levels");
            in.skipValue();
            return null;
        }
        depth++;
        try {
            return readValue(type, path);
        } finally {
            depth--;
        }
    }

    private Object readValue(HclType type, String path) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NIL) {
            in.unpackNil();
            return null;
        }
        if (type instanceof HclType.ListOf list) {
            return readArray(list.element(), path);
        } else if (type instanceof HclType.SetOf set) {
            return readArray(set.element(), path);
        } else if (type instanceof HclType.MapOf map) {
            return readMap(map.element(), path);
        } else if (type instanceof HclType.ObjectOf object) {
            return readObject(object, path);
        } else if (type instanceof HclType.TupleOf tuple) {
            return readTuple(tuple, path);
        } else if (type == HclType.STRING) {
            return readString(path);
        } else if (type == HclType.NUMBER) {
            return readNumber(path);
        } else if (type == HclType.BOOL) {
            return readBool(path);
        }
        return readAny(path);
    }

    private String readString(String path) throws IOException {
        ValueType valueType = in.getNextFormat().getValueType();
        switch (valueType) {
            case STRING:
                return in.unpackString();
            case BINARY:
                return new String(in.readPayload(in.unpackBinaryHeader()), StandardCharsets.UTF_8);
            default:
                return mismatch("a string", path);
        }
    }

    private BigDecimal readNumber(String path) throws IOException {
        ValueType valueType = in.getNextFormat().getValueType();
        switch (valueType) {
            case INTEGER:
                return new BigDecimal(in.unpackBigInteger());
            case FLOAT: {
                double value = in.unpackDouble();
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    violations.add(CtyMsgpackReader.where(path) + ": " + value + " is not a finite number");
                    return null;
                }
                return new BigDecimal(value);
            }
            case STRING: {
                String text = in.unpackString();
                try {
                    return new BigDecimal(text.trim());
                } catch (NumberFormatException e) {
                    violations.add(CtyMsgpackReader.where(path) + ": expected a number, got \"" + text + "\"");
                    return null;
                }
            }
            default:
                return mismatch("a number", path);
        }
    }

    private Boolean readBool(String path) throws IOException {
        if (in.getNextFormat().getValueType() == ValueType.BOOLEAN) {
            return in.unpackBoolean();
        }
        return mismatch("a bool", path);
    }

    private List<Object> readArray(HclType element, String path) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            return mismatch("a list", path);
        }
        int size = in.unpackArrayHeader();
        List<Object> items = new ArrayList<>(Math.min(size, 16));
        for (int i = 0; i < size; i++) {
            items.add(read(element, path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(items);
    }

    private List<Object> readTuple(HclType.TupleOf tuple, String path) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            return mismatch("a tuple", path);
        }
        int size = in.unpackArrayHeader();
        List<Object> items = new ArrayList<>(Math.min(size, 16));
        for (int i = 0; i < size; i++) {
            HclType element = i < tuple.elements().size() ? tuple.elements().get(i) : HclType.ANY;
            items.add(read(element, path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(items);
    }

    private Map<String, Object> readMap(HclType element, String path) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            return mismatch("a map", path);
        }
        int size = in.unpackMapHeader();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = readString(path);
            entries.put(key, read(element, path + "[\"" + key + "\"]"));
        }
        return Collections.unmodifiableMap(entries);
    }

    private Map<String, Object> readObject(HclType.ObjectOf object, String path) throws IOException {
        if (in.getNextFormat().getValueType() != ValueType.MAP) {
            return mismatch("an object", path);
        }
        int size = in.unpackMapHeader();
        Map<String, Object> entries = new LinkedHashMap<>();
        object.attributes().keySet().forEach(key -> entries.put(key, null));
        for (int i = 0; i < size; i++) {
            String key = readString(path);
            HclType attributeType = object.attributes().get(key);
            if (attributeType == null) {
                in.skipValue();
            } else {
                entries.put(key, read(attributeType, CtyMsgpackReader.join(path, key)));
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private Object readAny(String path) throws IOException {
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
            case FLOAT:
                return readNumber(path);
            case STRING:
            case BINARY:
                return readString(path);
            case ARRAY:
                return readArray(HclType.ANY, path);
            case MAP:
                return readMap(HclType.ANY, path);
            default:
                in.skipValue();
                violations.add(CtyMsgpackReader.where(path) + ": unsupported value ("
                        + CtyMsgpackReader.describe(format) + "); unknown values cannot be configured");
                return null;
        }
    }

    private <T> T mismatch(String expected, String path) throws IOException {
        MessageFormat format = in.getNextFormat();
        violations.add(
                CtyMsgpackReader.where(path) + ": expected " + expected + ", got " + CtyMsgpackReader.describe(format));
        in.skipValue();
        return null;
    }
}
