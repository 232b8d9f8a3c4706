package io.nomadiis.driver.fingerprint;

import java.util.Map;
import java.util.TreeMap;

/**
 * One fingerprint: health, a human description, and node attributes. Attribute values are
 * {@link String}, {@link Boolean}, {@link Long} or {@link Double}.
 *
 * @param health the health state
 * @param description a sentence for operators ("Healthy", the host's reason, "driver disabled")
 * @param attributes {@code driver.iis.*} attributes, sorted by name
 */
public record Fingerprint(DriverHealth health, String description, Map<String, Object> attributes) {
    public Fingerprint {
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
