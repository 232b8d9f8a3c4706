package io.nomadiis.driver.config.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration spec mirroring Nomad's {@code hclspec.Spec} proto. One declaration is the single
 * source of both the schema sent to Nomad ({@code ConfigSchema}, {@code TaskConfigSchema}) and the
 * way the cty msgpack bytes Nomad sends back are read and written.
 *
 * <p>Build specs with the static factories, e.g.
 * {@code object(attr("image", STRING, true), blockList("ports", 0, 0, object(attr("to", NUMBER, false))))}.
 */
public sealed interface Spec {

    /**
     * The name this spec contributes as an object attribute: its own name, or for a {@link Default}
     * the primary's name; empty for specs without a name.
     */
    default Optional<String> memberName() {
        return Optional.empty();
    }

    /** An object whose attribute keys are the members' names, in the given order. */
    static Obj object(Spec... members) {
        Map<String, Spec> attributes = new LinkedHashMap<>();
        for (Spec member : members) {
            String key = member.memberName()
                    .orElseThrow(() -> new IllegalArgumentException("object member without a name: " + member));
            if (attributes.put(key, member) != null) {
                throw new IllegalArgumentException("duplicate object member " + key);
            }
        }
        return new Obj(attributes);
    }

    /** An attribute. */
    static Attr attr(String name, HclType type, boolean required) {
        return new Attr(name, type, required);
    }

    /** An optional attribute whose absent value is {@code defaultValue}. */
    static Default defaulted(String name, HclType type, java.lang.Object defaultValue) {
        return new Default(new Attr(name, type, false), Literal.of(defaultValue));
    }

    /** A single nested block. */
    static Block block(String name, boolean required, Spec nested) {
        return new Block(name, required, nested);
    }

    /** A repeated nested block; {@code max} 0 means unlimited. */
    static BlockList blockList(String name, int min, int max, Spec nested) {
        return new BlockList(name, min, max, nested);
    }

    /**
     * An object; Nomad's {@code Object}. The map key is the output attribute name.
     *
     * @param attributes attribute name to spec, in declaration order
     */
    record Obj(Map<String, Spec> attributes) implements Spec {
        public Obj {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /**
     * An attribute; Nomad's {@code Attr}.
     *
     * @param name the attribute name (always explicit, so it also works under a {@link Default})
     * @param type the HCL type
     * @param required whether Nomad refuses a config without it
     */
    record Attr(String name, HclType type, boolean required) implements Spec {
        public Attr {
            requireName(name);
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /**
     * A single block, absent means null; Nomad's {@code Block}.
     *
     * @param name the block type name
     * @param required whether the block must be present
     * @param nested the block body's spec
     */
    record Block(String name, boolean required, Spec nested) implements Spec {
        public Block {
            requireName(name);
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /**
     * A list of blocks, absent means an empty list; Nomad's {@code BlockList}.
     *
     * @param min minimum count
     * @param max maximum count, 0 for unlimited
     */
    record BlockList(String name, int min, int max, Spec nested) implements Spec {
        public BlockList {
            requireName(name);
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /** A set of blocks, absent means an empty set; Nomad's {@code BlockSet}. */
    record BlockSet(String name, int min, int max, Spec nested) implements Spec {
        public BlockSet {
            requireName(name);
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /**
     * Labelled blocks keyed by their labels, absent means an empty map; Nomad's {@code BlockMap}.
     *
     * @param labels at least one label name
     */
    record BlockMap(String name, List<String> labels, Spec nested) implements Spec {
        public BlockMap {
            requireName(name);
            labels = List.copyOf(labels);
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("block map " + name + " needs at least one label");
            }
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /**
     * A block whose attributes form a map, absent means null; Nomad's {@code BlockAttrs}.
     *
     * @param elementType the type of every attribute value
     */
    record BlockAttrs(String name, HclType elementType, boolean required) implements Spec {
        public BlockAttrs {
            requireName(name);
        }

        @Override
        public Optional<String> memberName() {
            return Optional.of(name);
        }
    }

    /**
     * The primary's value, or the default's when the primary is null; Nomad's {@code Default}.
     *
     * @param primary usually an {@link Attr}
     * @param defaultSpec usually a {@link Literal}
     */
    record Default(Spec primary, Spec defaultSpec) implements Spec {
        @Override
        public Optional<String> memberName() {
            return primary.memberName();
        }
    }

    /**
     * A constant value; Nomad's {@code Literal}, whose text is an HCL expression.
     *
     * @param value null, Boolean, String, a Number, or Lists/Maps of them (see {@link #of})
     */
    record Literal(java.lang.Object value) implements Spec {
        public Literal {
            value = LiteralValues.normalize(value);
        }

        /** A literal holding {@code value}. */
        public static Literal of(java.lang.Object value) {
            return new Literal(value);
        }

        /** The HCL expression Nomad evaluates, e.g. {@code true}, {@code "30s"} (with quotes), {@code ["a"]}. */
        public String expression() {
            return LiteralValues.expression(value);
        }
    }

    /**
     * A tuple of specs; Nomad's {@code Array}. Children get no implied name.
     *
     * @param values the element specs
     */
    record Array(List<Spec> values) implements Spec {
        public Array {
            values = List.copyOf(values);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("spec name must not be empty");
        }
    }
}
