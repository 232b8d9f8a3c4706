package io.nomadiis.iis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The {@link PoolAttribute} values a task sets on one application pool; an attribute without a value is left to
 * IIS's default. Immutable; iteration follows the catalogue's order.
 */
public final class PoolSettings {

    private static final PoolSettings NONE = new PoolSettings(Map.of());

    private final Map<PoolAttribute<?>, Object> values;
    private final PoolAttribute<?>[] order;

    private PoolSettings(Map<PoolAttribute<?>, Object> values) {
        Map<PoolAttribute<?>, Object> ordered = new LinkedHashMap<>();
        for (PoolAttribute<?> attribute : PoolAttribute.all()) {
            Object value = values.get(attribute);
            if (value != null) {
                ordered.put(attribute, attribute.cast(value));
            }
        }
        this.values = Map.copyOf(ordered);
        this.order = ordered.keySet().toArray(new PoolAttribute<?>[0]);
    }

    /** No attribute set: every attribute keeps IIS's default. */
    public static PoolSettings none() {
        return NONE;
    }

    /** Settings holding {@code values} (null values are dropped). */
    public static PoolSettings of(Map<PoolAttribute<?>, ?> values) {
        Map<PoolAttribute<?>, Object> copy = new LinkedHashMap<>();
        values.forEach((attribute, value) -> copy.put(Objects.requireNonNull(attribute), value));
        return copy.isEmpty() ? NONE : new PoolSettings(copy);
    }

    /** These settings with {@code attribute} set to {@code value} (null removes it). */
    public <T> PoolSettings with(PoolAttribute<T> attribute, T value) {
        Map<PoolAttribute<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(attribute, value);
        return new PoolSettings(copy);
    }

    /** The value of {@code attribute}, or null when it is left to IIS's default. */
    public <T> T get(PoolAttribute<T> attribute) {
        return attribute.type().cast(values.get(attribute));
    }

    /** Calls {@code action} for every set attribute, in catalogue order. */
    public void forEach(BiConsumer<PoolAttribute<?>, Object> action) {
        for (PoolAttribute<?> attribute : order) {
            action.accept(attribute, values.get(attribute));
        }
    }

    /** Whether no attribute is set. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PoolSettings settings && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PoolSettings[");
        forEach((attribute, value) -> out.append(out.length() > 13 ? ", " : "")
                .append(attribute.iisPath())
                .append('=')
                .append(value));
        return out.append(']').toString();
    }
}
