package io.nomadiis.iis.windows;

import io.nomadiis.iis.windows.ConfigStep.CollectionRef;

/** How a {@link ConfigStep} is named in error messages: {@code create app pool} + {@code nomad-1-web}. */
public final class StepNames {
    private StepNames() {}

    /** The operation, e.g. {@code create app pool}, {@code remove site}, {@code update auto-start provider}. */
    public static String operation(ConfigStep step) {
        String verb =
                step instanceof ConfigStep.Add ? "create" : step instanceof ConfigStep.Upsert ? "update" : "remove";
        return verb + " " + kind(step.target());
    }

    /** The object's name: the key attribute value of the step's element. */
    public static String object(ConfigStep step) {
        if (step instanceof ConfigStep.Delete delete) {
            return qualified(step.target(), delete.keyValue());
        }
        ConfigElement element =
                step instanceof ConfigStep.Add add ? add.element() : ((ConfigStep.Upsert) step).element();
        Object key = element.attribute("name");
        if (key == null) {
            key = element.attribute("path");
        }
        return qualified(step.target(), ComValues.toText(key));
    }

    private static String kind(CollectionRef target) {
        if (target.siteName() != null) {
            return "application";
        }
        return switch (target.section()) {
            case ConfigStep.POOLS -> "app pool";
            case ConfigStep.SITES -> "site";
            case ConfigStep.AUTO_START_PROVIDERS -> "auto-start provider";
            default -> "element of " + target.section();
        };
    }

    private static String qualified(CollectionRef target, String key) {
        return target.siteName() == null ? key : target.siteName() + key;
    }
}
