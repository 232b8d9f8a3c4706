package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolAttribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the driver accepts at decode time ({@link PoolAttribute#accepts}) is exactly what IIS accepts: every
 * catalogue entry's boundary values, written as {@link ConfigPlanner#iisValue} writes them, to the AHADMIN double
 * (which enforces IIS's schema from {@code iis-schema-facts.json}), are refused by the double exactly when the
 * catalogue refuses them.
 */
class PoolAttributeDoubleAgreementTest {
    private final AhAdminDouble iis = new AhAdminDouble();

    private boolean iisAccepts(PoolAttribute<?> attribute, Object value) {
        Object written = ConfigPlanner.iisValue(attribute, value);
        String[] path = attribute.iisPath().split("\\.");
        try {
            iis.call("write " + attribute.iisPath(), "", admin -> {
                AppHostElement element =
                        admin.writable().section(ConfigStep.POOLS).collection().createNew("add");
                for (int i = 0; i < path.length - 1; i++) {
                    element = element.child(path[i]);
                }
                element.set(path[path.length - 1], written);
                return null;
            });
            return true;
        } catch (IisException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> boolean catalogueAccepts(PoolAttribute<T> attribute, Object value) {
        return attribute.accepts((T) value);
    }

    private static List<Object> samples(PoolAttribute<?> attribute) {
        List<Object> samples = new ArrayList<>();
        switch (attribute.kind()) {
            case BOOL -> samples.addAll(List.of(true, false));
            case STRING -> samples.addAll(List.of("", "v4.0"));
            case ENUM -> samples.addAll(attribute.choices());
            case UINT -> {
                for (long value :
                        new long[] {attribute.min() - 1, attribute.min(), attribute.max(), attribute.max() + 1}) {
                    if (value >= 0) {
                        samples.add(value);
                    }
                }
            }
            case TIME_SPAN -> {
                long step = attribute.granularitySeconds();
                samples.add(Duration.ofSeconds(attribute.min()));
                samples.add(Duration.ofSeconds(attribute.max()));
                samples.add(Duration.ofSeconds(attribute.max() + step));
                samples.add(Duration.ofSeconds(Math.max(step, attribute.min()) * 2));
                samples.add(Duration.ofSeconds(Math.max(step, attribute.min()) * 2 + 1)
                        .plusMillis(500));
                if (step > 1) {
                    samples.add(Duration.ofSeconds(step + 30));
                }
                if (attribute.min() > 0) {
                    samples.add(Duration.ofSeconds(attribute.min() - 1));
                }
            }
        }
        return samples;
    }

    @Test
    void everyCatalogueEntry_refusesExactlyWhatIisRefuses() {
        int refused = 0;
        for (PoolAttribute<?> attribute : PoolAttribute.all()) {
            for (Object value : samples(attribute)) {
                boolean decodeAccepts = catalogueAccepts(attribute, value);
                assertThat(iisAccepts(attribute, value))
                        .as(
                                "%s = %s (%s)",
                                attribute.iisPath(), value, value instanceof IisEnumValue e ? e.iisName() : "")
                        .isEqualTo(decodeAccepts);
                refused += decodeAccepts ? 0 : 1;
            }
        }
        assertThat(refused).as("samples IIS refuses").isGreaterThanOrEqualTo(10);
    }
}
