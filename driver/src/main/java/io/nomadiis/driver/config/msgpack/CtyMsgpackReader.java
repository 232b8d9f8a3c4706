package io.nomadiis.driver.config.msgpack;

import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads the cty msgpack bytes Nomad sends ({@code msgpack_config}, {@code msgpack_driver_config}) against a
 * {@link Spec} into a generic value tree: {@code Map<String,Object>} for objects and block bodies,
 * {@code List<Object>} for lists, sets, tuples and block lists, {@code String}, {@code Boolean},
 * {@code BigDecimal} for every number, and null.
 *
 * <p>Accepts everything cty produces: nil for absent values, every object key present, unsigned integer
 * markers for non-negative numbers, float64 (and float32), numbers as decimal strings, arrays for lists and
 * sets. Missing keys count as absent; {@link Spec.Default} values apply to nil and missing values;
 * zero-length input is an empty object. Unknown keys are skipped and logged. Wrong types, missing required
 * attributes and block counts out of range are collected and thrown together.
 */
public final class CtyMsgpackReader {

    private static final System.Logger LOG = System.getLogger(CtyMsgpackReader.class.getName());

    private final MessageUnpacker in;
    private final List<String> violations;

    private CtyMsgpackReader(MessageUnpacker in, List<String> violations) {
        this.in = in;
        this.violations = violations;
    }

    /**
     * Decodes {@code bytes} against an object spec.
     *
     * @throws InvalidConfigException listing every structural problem found
     */
    public static Map<String, Object> read(Spec.Obj spec, byte[] bytes) throws InvalidConfigException {
        List<String> violations = new ArrayList<>();
        Map<String, Object> value = read(spec, bytes, violations);
        InvalidConfigException.throwIfAny(violations);
        return value;
    }

    /**
     * Decodes {@code bytes} against an object spec, adding structural problems (wrong types, missing required
     * attributes, block counts) to {@code violations} so that callers can report them together with their own.
     *
     * @throws InvalidConfigException only when the bytes are not msgpack at all
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Spec.Obj spec, byte[] bytes, List<String> violations)
            throws InvalidConfigException {
        return (Map<String, Object>) readValue(spec, bytes, violations);
    }

    /** Decodes {@code bytes} against any spec; zero-length input is the spec's absent value. */
    public static Object readValue(Spec spec, byte[] bytes) throws InvalidConfigException {
        List<String> violations = new ArrayList<>();
        Object value = readValue(spec, bytes, violations);
        InvalidConfigException.throwIfAny(violations);
        return value;
    }

    private static Object readValue(Spec spec, byte[] bytes, List<String> violations) throws InvalidConfigException {
        byte[] input = bytes == null ? new byte[0] : bytes;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input)) {
            CtyMsgpackReader reader = new CtyMsgpackReader(unpacker, violations);
            if (input.length == 0) {
                return new AbsentValues(violations).of(spec, "");
            }
            Object value = reader.decode(spec, "");
            if (unpacker.hasNext()) {
                violations.add("config: unexpected bytes after the msgpack value");
            }
            return value;
        } catch (IOException | MessagePackException e) {
            throw new InvalidConfigException(List.of("config: malformed msgpack bytes (" + e.getMessage() + ")"));
        }
    }

    private Object decode(Spec spec, String path) throws IOException {
        if (in.getNextFormat() == MessageFormat.NIL) {
            in.unpackNil();
            return new AbsentValues(violations).of(spec, path);
        }
        if (spec instanceof Spec.Obj obj) {
            return decodeObject(obj, path);
        } else if (spec instanceof Spec.Attr attr) {
            return decodeTyped(attr.type(), path);
        } else if (spec instanceof Spec.Block block) {
            return decode(block.nested(), path);
        } else if (spec instanceof Spec.BlockList list) {
            return checkCount(decodeBlocks(list.nested(), path), list.min(), list.max(), path);
        } else if (spec instanceof Spec.BlockSet set) {
            return checkCount(decodeBlocks(set.nested(), path), set.min(), set.max(), path);
        } else if (spec instanceof Spec.BlockMap map) {
            return decodeBlockMap(map.nested(), map.labels().size(), path);
        } else if (spec instanceof Spec.BlockAttrs attrs) {
            return decodeTyped(HclType.map(attrs.elementType()), path);
        } else if (spec instanceof Spec.Default dflt) {
            Object value = decode(dflt.primary(), path);
            return value != null ? value : new AbsentValues(violations).of(dflt.defaultSpec(), path);
        } else if (spec instanceof Spec.Array array) {
            return decodeTuple(array, path);
        }
        return decodeTyped(HclType.ANY, path);
    }

    private Map<String, Object> decodeObject(Spec.Obj obj, String path) throws IOException {
        if (!expect(ValueType.MAP, "an object", path)) {
            return new AbsentValues(violations).object(obj, path);
        }
        int size = in.unpackMapHeader();
        Map<String, Object> seen = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = readKey(path);
            Spec child = key == null ? null : obj.attributes().get(key);
            if (child == null) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "ignoring an unknown config attribute",
                        LogField.of("attribute", join(path, key)));
                in.skipValue();
            } else {
                seen.put(key, decode(child, join(path, key)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        AbsentValues absent = new AbsentValues(violations);
        for (Map.Entry<String, Spec> attribute : obj.attributes().entrySet()) {
            String key = attribute.getKey();
            result.put(key, seen.containsKey(key) ? seen.get(key) : absent.of(attribute.getValue(), join(path, key)));
        }
        return Collections.unmodifiableMap(result);
    }

    private List<Object> decodeBlocks(Spec nested, String path) throws IOException {
        if (!expect(ValueType.ARRAY, "a list of blocks", path)) {
            return List.of();
        }
        int size = in.unpackArrayHeader();
        List<Object> items = new ArrayList<>(Math.min(size, 16));
        for (int i = 0; i < size; i++) {
            items.add(decode(nested, path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(items);
    }

    private List<Object> checkCount(List<Object> blocks, int min, int max, String path) {
        new AbsentValues(violations).checkCount(blocks.size(), min, max, path);
        return blocks;
    }

    private Map<String, Object> decodeBlockMap(Spec nested, int labels, String path) throws IOException {
        if (!expect(ValueType.MAP, "a map of blocks", path)) {
            return Map.of();
        }
        int size = in.unpackMapHeader();
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = readKey(path);
            String childPath = path + "[\"" + key + "\"]";
            result.put(key, labels > 1 ? decodeBlockMap(nested, labels - 1, childPath) : decode(nested, childPath));
        }
        return Collections.unmodifiableMap(result);
    }

    private List<Object> decodeTuple(Spec.Array array, String path) throws IOException {
        if (!expect(ValueType.ARRAY, "a tuple", path)) {
            return null;
        }
        int size = in.unpackArrayHeader();
        List<Object> items = new ArrayList<>(Math.min(size, 16));
        for (int i = 0; i < size; i++) {
            String childPath = path + "[" + i + "]";
            if (i < array.values().size()) {
                items.add(decode(array.values().get(i), childPath));
            } else {
                in.skipValue();
            }
        }
        return Collections.unmodifiableList(items);
    }

    private Object decodeTyped(HclType type, String path) throws IOException {
        return new TypedValueReader(in, violations).read(type, path);
    }

    private String readKey(String path) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format.getValueType() == ValueType.STRING) {
            return in.unpackString();
        }
        violations.add(where(path) + ": map key must be a string, got " + describe(format));
        in.skipValue();
        return null;
    }

    private boolean expect(ValueType type, String what, String path) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format.getValueType() == type) {
            return true;
        }
        violations.add(where(path) + ": expected " + what + ", got " + describe(format));
        in.skipValue();
        return false;
    }

    static String describe(MessageFormat format) {
        return format.getValueType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String where(String path) {
        return path.isEmpty() ? "config" : path;
    }
}
