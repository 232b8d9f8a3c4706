package io.nomadiis.driver.config.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HCL type expression as Nomad's spec converter parses it ({@code string}, {@code list(string)},
 * {@code object({a = number})}, ...). It tells Nomad how to convert a config value and tells our
 * decoder what the msgpack bytes hold.
 */
public sealed interface HclType {

    /** {@code string}. */
    HclType STRING = new Primitive("string");
    /** {@code number}. */
    HclType NUMBER = new Primitive("number");
    /** {@code bool}. */
    HclType BOOL = new Primitive("bool");
    /** {@code any}: the value keeps its own concrete type. */
    HclType ANY = new Primitive("any");

    /** The type expression as Nomad's {@code Attr.type} expects it. */
    String expression();

    /** {@code list(element)}. */
    static HclType list(HclType element) {
        return new ListOf(element);
    }

    /** {@code set(element)}. */
    static HclType set(HclType element) {
        return new SetOf(element);
    }

    /** {@code map(element)}. */
    static HclType map(HclType element) {
        return new MapOf(element);
    }

    /**
     * A primitive type.
     *
     * @param name {@code string}, {@code number}, {@code bool} or {@code any}
     */
    record Primitive(String name) implements HclType {
        public Primitive {
            if (!List.of("string", "number", "bool", "any").contains(name)) {
                throw new IllegalArgumentException("unknown primitive type " + name);
            }
        }

        @Override
        public String expression() {
            return name;
        }
    }

    /** {@code list(T)}: encoded as a msgpack array. */
    record ListOf(HclType element) implements HclType {
        @Override
        public String expression() {
            return "list(" + element.expression() + ")";
        }
    }

    /** {@code set(T)}: encoded as a msgpack array in no meaningful order. */
    record SetOf(HclType element) implements HclType {
        @Override
        public String expression() {
            return "set(" + element.expression() + ")";
        }
    }

    /** {@code map(T)}: encoded as a msgpack map with keys in lexical order. */
    record MapOf(HclType element) implements HclType {
        @Override
        public String expression() {
            return "map(" + element.expression() + ")";
        }
    }

    /** {@code object({k = T, ...})}: encoded as a map holding every attribute, sorted bytewise. */
    record ObjectOf(Map<String, HclType> attributes) implements HclType {
        public ObjectOf {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        @Override
        public String expression() {
            return attributes.entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue().expression())
                    .collect(Collectors.joining(", ", "object({", "})"));
        }
    }

    /** {@code tuple([T, ...])}: encoded as an array of fixed length. */
    record TupleOf(List<HclType> elements) implements HclType {
        public TupleOf {
            elements = List.copyOf(elements);
        }

        @Override
        public String expression() {
            return elements.stream().map(HclType::expression).collect(Collectors.joining(", ", "tuple([", "])"));
        }
    }
}
