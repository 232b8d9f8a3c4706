package io.nomadiis.iis.windows;

import java.util.Locale;

/**
 * One attribute assignment on an AHADMIN element. The path walks child elements with dots and ends
 * at the attribute: {@code processModel.identityType} is attribute {@code identityType} of child
 * element {@code processModel}; {@code name} is an attribute of the element itself.
 *
 * @param path dotted child-element path ending at the attribute name
 * @param value a String, Boolean, Integer or Long, as AHADMIN takes it (enums, flags and time spans as their text)
 */
public record ConfigAttribute(String path, Object value) {
    public ConfigAttribute {
        if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".")) {
            throw new IllegalArgumentException("invalid IIS attribute path \"" + path + "\"");
        }
        if (!(value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long)) {
            throw new IllegalArgumentException("unsupported value for IIS attribute " + path + ": " + value);
        }
    }

    /**
     * The child elements to walk, e.g. {@code [recycling, periodicRestart]} for {@code recycling.periodicRestart.time}.
     */
    public String[] elementPath() {
        String[] parts = path.split("\\.");
        String[] elements = new String[parts.length - 1];
        System.arraycopy(parts, 0, elements, 0, elements.length);
        return elements;
    }

    /** The attribute name at the end of the path. */
    public String attributeName() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Whether the value is a secret that must never be logged. */
    public boolean secret() {
        return attributeName().toLowerCase(Locale.ROOT).contains("password");
    }

    @Override
    public String toString() {
        return path + "="
                + (secret() ? "(redacted)" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value));
    }
}
