package io.nomadiis.driver.config;

import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.PoolAttribute;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One job attribute of an {@code application_pool} block that sets one {@link PoolAttribute} of the catalogue:
 * its HCL name, HCL type and default (the Nomad side) and the IIS attribute it maps to (which carries the IIS type
 * and validation). Everything else is derived from the pair: the {@link Spec} entry Nomad receives, the decoding,
 * the validation against IIS's schema (every value IIS would refuse is a violation naming the block, the
 * attribute, the value and what IIS allows), and, through the catalogue, what each host does with the value.
 *
 * <p>The HCL type follows the IIS type unless given: {@code bool} for bool, {@code number} for uint, {@code string}
 * for time spans (in {@link DurationText} syntax), enums (case-insensitive) and strings.
 *
 * @param hclName the attribute's name in the job
 * @param hclType the attribute's HCL type
 * @param defaultValue the HCL default when absent, or null (absent leaves the IIS default)
 * @param target the IIS attribute
 * @param reader how the job's value becomes the IIS value; {@link #standard()} unless the job spells values
 *     differently from IIS
 * @param <T> the IIS value's Java type
 */
record PoolSettingSpec<T>(
        String hclName, HclType hclType, Object defaultValue, PoolAttribute<T> target, Reader<T> reader) {

    /** Reads one attribute from a block, recording violations on the block; null when absent or refused. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ConfigBlock block, String hclName, PoolAttribute<T> target);
    }

    PoolSettingSpec {
        Objects.requireNonNull(hclName);
        Objects.requireNonNull(hclType);
        Objects.requireNonNull(target);
        Objects.requireNonNull(reader);
    }

    /** An optional attribute without default, typed and read as its IIS type says. */
    static <T> PoolSettingSpec<T> setting(String hclName, PoolAttribute<T> target) {
        return new PoolSettingSpec<>(hclName, hclTypeOf(target), null, target, standard());
    }

    /** An optional attribute without default whose values are read by {@code reader}. */
    static <T> PoolSettingSpec<T> setting(String hclName, PoolAttribute<T> target, Reader<T> reader) {
        return new PoolSettingSpec<>(hclName, hclTypeOf(target), null, target, reader);
    }

    /** The entry of the pool block's {@link Spec.Obj}. */
    Spec spec() {
        return defaultValue == null
                ? Spec.attr(hclName, hclType, false)
                : Spec.defaulted(hclName, hclType, defaultValue);
    }

    /** Reads the attribute from a decoded pool block; null when absent or refused (refusals are recorded). */
    T read(ConfigBlock block) {
        return reader.read(block, hclName, target);
    }

    private static HclType hclTypeOf(PoolAttribute<?> target) {
        return switch (target.kind()) {
            case BOOL -> HclType.BOOL;
            case UINT -> HclType.NUMBER;
            case TIME_SPAN, ENUM, STRING -> HclType.STRING;
        };
    }

    /** The reader for the attribute's IIS type, with IIS's validation. */
    @SuppressWarnings("unchecked")
    static <T> Reader<T> standard() {
        return (block, hclName, target) -> target.cast(
                switch (target.kind()) {
                    case BOOL -> block.bool(hclName);
                    case STRING -> block.string(hclName);
                    case UINT -> wholeNumber(block, hclName, (PoolAttribute<Long>) target);
                    case TIME_SPAN -> timeSpan(block, hclName, (PoolAttribute<Duration>) target);
                    case ENUM -> choice(block, hclName, target);
                });
    }

    private static Long wholeNumber(ConfigBlock block, String hclName, PoolAttribute<Long> target) {
        BigDecimal value = block.number(hclName);
        if (value == null) {
            return null;
        }
        boolean whole = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (!whole
                || value.compareTo(BigDecimal.valueOf(target.min())) < 0
                || value.compareTo(BigDecimal.valueOf(target.max())) > 0) {
            block.reject(
                    hclName,
                    value.toPlainString() + " is not allowed; use a whole number from " + target.min() + " to "
                            + target.max());
            return null;
        }
        return value.longValueExact();
    }

    private static Duration timeSpan(ConfigBlock block, String hclName, PoolAttribute<Duration> target) {
        Duration value = block.duration(hclName);
        if (value == null || target.accepts(value)) {
            return value;
        }
        String unit = target.granularitySeconds() == 60 ? "whole minutes" : "whole seconds";
        if (target.granularitySeconds() != 60 && target.granularitySeconds() != 1) {
            unit = "multiples of " + DurationText.format(Duration.ofSeconds(target.granularitySeconds()));
        }
        block.reject(
                hclName,
                ConfigBlock.quote(block.string(hclName)) + " is not allowed; use " + unit + " from "
                        + DurationText.format(Duration.ofSeconds(target.min())) + " to "
                        + DurationText.format(Duration.ofSeconds(target.max())) + " (IIS " + target.iisPath() + ")");
        return null;
    }

    private static <T> T choice(ConfigBlock block, String hclName, PoolAttribute<T> target) {
        String text = block.string(hclName);
        if (text == null) {
            return null;
        }
        List<T> choices = target.choices();
        for (T option : choices) {
            if (((IisEnumValue) option).iisName().equalsIgnoreCase(text.trim())) {
                return option;
            }
        }
        block.reject(
                hclName,
                ConfigBlock.quote(text) + " is not allowed; use "
                        + ConfigBlock.oneOf(choices.stream()
                                .map(c -> ((IisEnumValue) c).iisName())
                                .toList()));
        return null;
    }

    /**
     * Checks an {@code extension} value written in IIS's own text ({@code true}, {@code 2000},
     * {@code 00:20:00}, {@code AlwaysRunning}) for the catalogue attribute it names; records a violation of the
     * extension's {@code value} when IIS would refuse it.
     */
    static void checkIisText(ConfigBlock extension, PoolAttribute<?> target, String text) {
        String trimmed = text.trim();
        String allowed = switch (target.kind()) {
            case BOOL ->
                trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false") ? null : "\"true\" or \"false\"";
            case UINT -> wholeNumberText(trimmed, target);
            case TIME_SPAN -> timeSpanText(trimmed, target);
            case ENUM ->
                target.choices().stream()
                                .anyMatch(c -> ((IisEnumValue) c).iisName().equalsIgnoreCase(trimmed))
                        ? null
                        : ConfigBlock.oneOf(target.choices().stream()
                                .map(c -> ((IisEnumValue) c).iisName())
                                .toList());
            case STRING -> null;
        };
        if (allowed != null) {
            extension.reject(
                    "value",
                    ConfigBlock.quote(text) + " is not allowed for IIS " + target.iisPath() + "; use " + allowed);
        }
    }

    private static String wholeNumberText(String text, PoolAttribute<?> target) {
        String allowed = "a whole number from " + target.min() + " to " + target.max();
        try {
            long value = Long.parseLong(text);
            return value >= target.min() && value <= target.max() ? null : allowed;
        } catch (NumberFormatException e) {
            return allowed;
        }
    }

    @SuppressWarnings("unchecked")
    private static String timeSpanText(String text, PoolAttribute<?> target) {
        String unit = target.granularitySeconds() == 60 ? "whole minutes" : "whole seconds";
        String allowed = "a time span \"[d.]hh:mm:ss\" in " + unit + " from "
                + DurationText.format(Duration.ofSeconds(target.min())) + " to "
                + DurationText.format(Duration.ofSeconds(target.max()));
        return DurationText.parse(text)
                        .filter(((PoolAttribute<Duration>) target)::accepts)
                        .isPresent()
                ? null
                : allowed;
    }
}
