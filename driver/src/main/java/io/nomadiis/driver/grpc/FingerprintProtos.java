package io.nomadiis.driver.grpc;

import io.nomadiis.driver.fingerprint.DriverHealth;
import io.nomadiis.driver.fingerprint.Fingerprint;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.structs.Attribute;
import java.util.Map;

/** Translates a {@link Fingerprint} into Nomad's {@code FingerprintResponse}. */
final class FingerprintProtos {

    private FingerprintProtos() {}

    static FingerprintResponse toProto(Fingerprint fingerprint) {
        FingerprintResponse.Builder response = FingerprintResponse.newBuilder()
                .setHealth(health(fingerprint.health()))
                .setHealthDescription(fingerprint.description());
        for (Map.Entry<String, Object> entry : fingerprint.attributes().entrySet()) {
            response.putAttributes(entry.getKey(), attribute(entry.getValue()));
        }
        return response.build();
    }

    static Attribute attribute(Object value) {
        Attribute.Builder attribute = Attribute.newBuilder();
        if (value instanceof Boolean b) {
            attribute.setBoolVal(b);
        } else if (value instanceof Long || value instanceof Integer) {
            attribute.setIntVal(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            attribute.setFloatVal(((Number) value).doubleValue());
        } else {
            attribute.setStringVal(String.valueOf(value));
        }
        return attribute.build();
    }

    private static FingerprintResponse.HealthState health(DriverHealth health) {
        return switch (health) {
            case HEALTHY -> FingerprintResponse.HealthState.HEALTHY;
            case UNHEALTHY -> FingerprintResponse.HealthState.UNHEALTHY;
            case UNDETECTED -> FingerprintResponse.HealthState.UNDETECTED;
        };
    }
}
