package io.nomadiis.iis.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IIS 10's configuration schema as AHADMIN enforces it, from {@code iis-schema-facts.json} (extracted from
 * IIS_schema.xml, rscaext.xml and aspnetcore_schema_v2.xml): per element its attributes (type, default, enum
 * values, validation), child elements, collection and methods. {@link Attribute#coerce} is AHADMIN's check of a
 * value set on a property: an unknown name, a wrong type, an enum name not in the list, a number outside its
 * {@code integerRange}, a time span outside its {@code timeSpanRange} or off its granularity, an empty
 * {@code nonEmptyString} all fail with {@code E_INVALIDARG} ({@link HResults#INVALID_ARG}; windows-iis.md
 * section 1).
 */
final class SchemaFacts {
    private static final Pattern TIME_SPAN =
            Pattern.compile("^(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?$");
    private static final SchemaFacts INSTANCE = load();

    private final Map<String, Element> sections;

    private SchemaFacts(Map<String, Element> sections) {
        this.sections = sections;
    }

    /** The facts, read once from the test class path. */
    static SchemaFacts get() {
        return INSTANCE;
    }

    /** The seconds of an IIS time span text ({@code [-][d.]hh:mm:ss[.fffffff]}), or -1 when it is not one. */
    static double timeSpanSeconds(String span) {
        return Attribute.seconds(span);
    }

    /** A section's element facts; E_INVALIDARG for an unknown section (AHADMIN's GetAdminSection). */
    Element section(String name) {
        Element section = sections.get(name);
        if (section == null) {
            throw new AppHostException(HResults.INVALID_ARG, "Invalid configuration section \"" + name + "\"");
        }
        return section;
    }

    /** An element's schema: attributes, named child elements, its collection (or null) and methods. */
    record Element(
            Map<String, Attribute> attributes,
            Map<String, Element> elements,
            Collection collection,
            Set<String> methods) {
        /** The attribute's facts; E_INVALIDARG when the schema has no such attribute. */
        Attribute attribute(String name) {
            Attribute attribute = attributes.get(name);
            if (attribute == null) {
                throw new AppHostException(HResults.INVALID_ARG, "Unrecognized attribute '" + name + "'");
            }
            return attribute;
        }

        /** The child element's facts; E_INVALIDARG when the schema has no such element. */
        Element element(String name) {
            Element element = elements.get(name);
            if (element == null) {
                throw new AppHostException(HResults.INVALID_ARG, "Unrecognized element '" + name + "'");
            }
            return element;
        }
    }

    /**
     * A collection: the name of its add element and the schema of its entries.
     *
     * @param addElement e.g. {@code add}, {@code site}, {@code binding}
     * @param entry the entries' schema
     */
    record Collection(String addElement, Element entry) {}

    /**
     * One attribute's facts.
     *
     * @param name the attribute name
     * @param type string, bool, uint, int, int64, enum, flags, timeSpan
     * @param defaultValue the schema default as text, or null
     * @param values enum names and numbers (case-insensitive names)
     * @param validationType e.g. integerRange, timeSpanRange, nonEmptyString, or null
     * @param validationParameter e.g. {@code 10,65535} or {@code 0,2592000,60}, or null
     * @param required whether an entry must set it
     * @param uniqueKey whether it alone identifies a collection entry
     * @param combinedKey whether it is part of the combined key of a collection entry
     * @param extension whether the RSCA runtime extension provides it (runtime state, not configuration)
     */
    record Attribute(
            String name,
            String type,
            String defaultValue,
            Map<String, Integer> values,
            String validationType,
            String validationParameter,
            boolean required,
            boolean uniqueKey,
            boolean combinedKey,
            boolean extension) {

        /** The value AHADMIN stores for a value set on the property, or E_INVALIDARG. */
        Object coerce(Object value) {
            if (value == null) {
                throw invalid(value, "a value is required");
            }
            Object stored = switch (type) {
                case "string" -> string(value);
                case "bool" -> bool(value);
                case "uint" -> integer(value, BigInteger.ZERO, BigInteger.valueOf(0xFFFFFFFFL));
                case "int" ->
                    integer(value, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
                case "int64" -> integer(value, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
                case "enum" -> enumValue(value);
                case "flags" -> flags(value);
                case "timeSpan" -> timeSpan(value);
                default -> throw invalid(value, "unsupported type " + type);
            };
            validate(value, stored);
            return stored;
        }

        /** The value read back when nothing was set: the schema default in its stored form, or null. */
        Object defaultStored() {
            if (defaultValue == null) {
                return type.equals("string") ? "" : null;
            }
            return switch (type) {
                case "bool" -> Boolean.parseBoolean(defaultValue);
                case "uint", "int", "int64" -> Long.parseLong(defaultValue);
                case "enum" -> enumValue(defaultValue);
                default -> defaultValue;
            };
        }

        private String string(Object value) {
            if (!(value instanceof String text)) {
                throw invalid(value, "a string is required");
            }
            return text;
        }

        private Boolean bool(Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            throw invalid(value, "true or false is required");
        }

        private Long integer(Object value, BigInteger min, BigInteger max) {
            BigInteger number;
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                number = BigInteger.valueOf(((Number) value).longValue());
            } else if (value instanceof String s && s.trim().matches("-?\\d+")) {
                number = new BigInteger(s.trim());
            } else {
                throw invalid(value, "an integer is required");
            }
            if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
                throw invalid(value, "outside the " + type + " range");
            }
            return number.longValue();
        }

        private Integer enumValue(Object value) {
            if (value instanceof String s) {
                for (Map.Entry<String, Integer> e : values.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(s.trim())) {
                        return e.getValue();
                    }
                }
                throw invalid(value, "not one of " + values.keySet());
            }
            if (value instanceof Integer || value instanceof Long) {
                int number = ((Number) value).intValue();
                if (values.containsValue(number)) {
                    return number;
                }
            }
            throw invalid(value, "not one of " + values.keySet());
        }

        private Object flags(Object value) {
            if (value instanceof String || value instanceof Integer || value instanceof Long) {
                return value;
            }
            throw invalid(value, "flag names or a number are required");
        }

        private String timeSpan(Object value) {
            if (!(value instanceof String s) || !TIME_SPAN.matcher(s.trim()).matches()) {
                throw invalid(value, "a time span [d.]hh:mm:ss is required");
            }
            return s.trim();
        }

        private void validate(Object raw, Object stored) {
            if (validationType == null) {
                return;
            }
            switch (validationType) {
                case "nonEmptyString", "siteName", "applicationPoolName" -> {
                    if (stored.toString().isEmpty()) {
                        throw invalid(raw, "the value must not be empty");
                    }
                }
                case "applicationPath", "virtualDirectoryPath" -> {
                    if (!stored.toString().startsWith("/")) {
                        throw invalid(raw, "the path must start with /");
                    }
                }
                case "integerRange" -> {
                    String[] p = validationParameter.split(",");
                    long n = (Long) stored;
                    if (n < Long.parseLong(p[0].trim()) || n > Long.parseLong(p[1].trim())) {
                        throw invalid(raw, "the value must be between " + p[0] + " and " + p[1]);
                    }
                }
                case "timeSpanRange" -> {
                    String[] p = validationParameter.split(",");
                    double seconds = seconds(stored.toString());
                    long granularity = p.length > 2 ? Long.parseLong(p[2].trim()) : 1;
                    if (seconds < Long.parseLong(p[0].trim()) || seconds > Long.parseLong(p[1].trim())) {
                        throw invalid(raw, "the time span must be between " + p[0] + " s and " + p[1] + " s");
                    }
                    if (seconds % granularity != 0) {
                        throw invalid(raw, "the time span must be a multiple of " + granularity + " s");
                    }
                }
                default -> {}
            }
        }

        static double seconds(String span) {
            Matcher m = TIME_SPAN.matcher(span);
            if (!m.matches()) {
                return -1;
            }
            double seconds = (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 86400)
                    + Long.parseLong(m.group(3)) * 3600
                    + Long.parseLong(m.group(4)) * 60
                    + Long.parseLong(m.group(5))
                    + (m.group(6) == null ? 0 : Double.parseDouble("0." + m.group(6)));
            return m.group(1) == null ? seconds : -seconds;
        }

        private AppHostException invalid(Object value, String why) {
            return new AppHostException(
                    HResults.INVALID_ARG,
                    "Invalid value " + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value))
                            + " for attribute '" + name + "': " + why);
        }
    }

    private static SchemaFacts load() {
        try (InputStream in = SchemaFacts.class.getResourceAsStream("/iis-schema-facts.json")) {
            if (in == null) {
                throw new IllegalStateException("iis-schema-facts.json is not on the test class path");
            }
            JsonNode root = new ObjectMapper().readTree(in).get("sections");
            Map<String, Element> sections = new TreeMap<>();
            root.fields().forEachRemaining(e -> sections.put(e.getKey(), element(e.getValue())));
            return new SchemaFacts(sections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element element(JsonNode node) {
        Map<String, Attribute> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode attrs = node.get("attributes");
        if (attrs != null) {
            attrs.fields().forEachRemaining(e -> attributes.put(e.getKey(), attribute(e.getKey(), e.getValue())));
        }
        Map<String, Element> elements = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode children = node.get("elements");
        if (children != null) {
            children.fields().forEachRemaining(e -> elements.put(e.getKey(), element(e.getValue())));
        }
        JsonNode collection = node.get("collection");
        Set<String> methods = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode m = node.get("methods");
        if (m != null) {
            m.fieldNames().forEachRemaining(methods::add);
        }
        return new Element(
                attributes,
                elements,
                collection == null
                        ? null
                        : new Collection(collection.get("addElement").asText(), element(collection)),
                methods);
    }

    private static Attribute attribute(String name, JsonNode node) {
        Map<String, Integer> values = new LinkedHashMap<>();
        JsonNode v = node.get("values");
        if (v != null) {
            v.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asInt()));
        }
        return new Attribute(
                name,
                node.path("type").asText("string").toLowerCase(Locale.ROOT).equals("timespan")
                        ? "timeSpan"
                        : node.path("type").asText("string"),
                node.has("defaultValue") ? node.get("defaultValue").asText() : null,
                values,
                node.has("validationType") ? node.get("validationType").asText() : null,
                node.has("validationParameter")
                        ? node.get("validationParameter").asText()
                        : null,
                node.path("required").asText("false").equals("true"),
                node.path("isUniqueKey").asText("false").equals("true"),
                node.path("isCombinedKey").asText("false").equals("true"),
                node.has("extension"));
    }
}
