package io.nomadiis.driver.config;

import java.util.List;

/**
 * A plugin or task config that breaks one or more rules. Every violation is one self-contained sentence
 * naming the block (with its index), the attribute, the offending value and what is allowed; all
 * violations found in one config are reported together.
 */
public final class InvalidConfigException extends Exception {

    private final List<String> violations;

    /**
     * @param violations at least one violation message
     */
    public InvalidConfigException(List<String> violations) {
        super("invalid config: " + String.join("; ", violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid config needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in the order found. */
    public List<String> violations() {
        return violations;
    }

    /** Throws when {@code violations} is not empty. */
    public static void throwIfAny(List<String> violations) throws InvalidConfigException {
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(violations);
        }
    }
}
