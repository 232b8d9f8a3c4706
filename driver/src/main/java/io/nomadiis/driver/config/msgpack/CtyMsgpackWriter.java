package io.nomadiis.driver.config.msgpack;

import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Encodes a value tree (plain Java maps, lists, strings, booleans and numbers) against a {@link Spec}
 * exactly as Nomad does after hcldec + cty msgpack: object keys are every attribute name sorted bytewise,
 * absent attributes and blocks are nil, absent block lists/sets are {@code []}, absent block maps {@code {}},
 * a {@link Spec.Default} with an absent primary writes its literal, integers use the smallest encoding
 * (unsigned forms when non-negative), other numbers float64 when exact, else a decimal string.
 *
 * <p>Used by tests to build fixtures and by dev mode to pass an embedded job to StartTask. Values the spec
 * does not describe are refused with {@link IllegalArgumentException}.
 */
public final class CtyMsgpackWriter {

    private final MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
    private final TypedValueWriter typed = new TypedValueWriter(out);

    private CtyMsgpackWriter() {}

    /** Encodes an object value; a null or empty map is a config with nothing set. */
    public static byte[] encode(Spec spec, Map<String, ?> value) {
        return encodeValue(spec, value);
    }

    /** Encodes any value against any spec. */
    public static byte[] encodeValue(Spec spec, Object value) {
        CtyMsgpackWriter writer = new CtyMsgpackWriter();
        try {
            writer.write(spec, value, "");
            return writer.out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding config failed", e);
        }
    }

    private void write(Spec spec, Object value, String path) throws IOException {
        if (spec instanceof Spec.Obj obj) {
            writeObject(obj, value, path);
        } else if (spec instanceof Spec.Attr attr) {
            typed.write(attr.type(), value, path);
        } else if (spec instanceof Spec.Block block) {
            if (value == null) {
                out.packNil();
            } else {
                write(block.nested(), value, path);
            }
        } else if (spec instanceof Spec.BlockList list) {
            writeBlocks(list.nested(), value, path);
        } else if (spec instanceof Spec.BlockSet set) {
            writeBlocks(set.nested(), value, path);
        } else if (spec instanceof Spec.BlockMap map) {
            writeBlockMap(map.nested(), map.labels().size(), value, path);
        } else if (spec instanceof Spec.BlockAttrs attrs) {
            typed.write(HclType.map(attrs.elementType()), value, path);
        } else if (spec instanceof Spec.Default dflt) {
            if (value == null) {
                write(dflt.defaultSpec(), null, path);
            } else {
                write(dflt.primary(), value, path);
            }
        } else if (spec instanceof Spec.Literal literal) {
            typed.write(HclType.ANY, literal.value(), path);
        } else if (spec instanceof Spec.Array array) {
            writeTuple(array, value, path);
        }
    }

    private void writeObject(Spec.Obj obj, Object value, String path) throws IOException {
        Map<?, ?> map = value == null ? Map.of() : asMap(value, path);
        for (Object key : map.keySet()) {
            if (!obj.attributes().containsKey(String.valueOf(key))) {
                throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": the spec has no attribute " + key);
            }
        }
        List<String> keys = new ArrayList<>(obj.attributes().keySet());
        keys.sort(TypedValueWriter.BYTEWISE);
        out.packMapHeader(keys.size());
        for (String key : keys) {
            typed.writeString(key);
            write(obj.attributes().get(key), map.get(key), CtyMsgpackReader.join(path, key));
        }
    }

    private void writeBlocks(Spec nested, Object value, String path) throws IOException {
        Collection<?> blocks = value == null ? List.of() : asCollection(value, path);
        out.packArrayHeader(blocks.size());
        int i = 0;
        for (Object block : blocks) {
            write(nested, block, path + "[" + i++ + "]");
        }
    }

    private void writeBlockMap(Spec nested, int labels, Object value, String path) throws IOException {
        Map<?, ?> map = value == null ? Map.of() : asMap(value, path);
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        keys.sort(TypedValueWriter.BYTEWISE);
        out.packMapHeader(keys.size());
        for (String key : keys) {
            typed.writeString(key);
            String childPath = path + "[\"" + key + "\"]";
            if (labels > 1) {
                writeBlockMap(nested, labels - 1, map.get(key), childPath);
            } else {
                write(nested, map.get(key), childPath);
            }
        }
    }

    private void writeTuple(Spec.Array array, Object value, String path) throws IOException {
        if (value == null) {
            out.packNil();
            return;
        }
        List<?> items = List.copyOf(asCollection(value, path));
        if (items.size() != array.values().size()) {
            throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": tuple needs "
                    + array.values().size() + " values, got " + items.size());
        }
        out.packArrayHeader(items.size());
        for (int i = 0; i < items.size(); i++) {
            write(array.values().get(i), items.get(i), path + "[" + i + "]");
        }
    }

    static Map<?, ?> asMap(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": expected a map, got "
                + value.getClass().getSimpleName());
    }

    static Collection<?> asCollection(Object value, String path) {
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        throw new IllegalArgumentException(CtyMsgpackReader.where(path) + ": expected a list, got "
                + value.getClass().getSimpleName());
    }
}
