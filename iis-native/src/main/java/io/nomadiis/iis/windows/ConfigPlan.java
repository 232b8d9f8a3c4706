package io.nomadiis.iis.windows;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration changes of one task operation (a deploy or a removal), in order. The COM layer
 * executes every step on one writable admin manager and commits once; if any step fails nothing is
 * committed.
 *
 * @param operation what the plan does, for messages, e.g. {@code deploy site "nomad-1-web"}
 * @param steps the changes
 */
public record ConfigPlan(String operation, List<ConfigStep> steps) {
    public ConfigPlan {
        steps = List.copyOf(steps);
    }

    /** Whether there is nothing to change. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** One line per step and attribute, secrets redacted: for debug logs and tests. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ConfigStep step : steps) {
            if (step instanceof ConfigStep.Add add) {
                describe(lines, "add " + add.target(), add.element(), "");
            } else if (step instanceof ConfigStep.Upsert upsert) {
                describe(lines, "upsert " + upsert.target() + " by " + upsert.keyAttribute(), upsert.element(), "");
            } else if (step instanceof ConfigStep.Delete delete) {
                lines.add("delete " + delete.target() + " where " + delete.keyAttribute() + "=\"" + delete.keyValue()
                        + "\"");
            }
        }
        return lines;
    }

    private static void describe(List<String> lines, String head, ConfigElement element, String indent) {
        lines.add(indent + head + " <" + element.elementName() + "> " + element.attributes());
        for (ConfigElement.Collection collection : element.collections()) {
            for (ConfigElement child : collection.elements()) {
                describe(
                        lines,
                        "add " + (collection.childPath().isEmpty() ? "." : collection.childPath()),
                        child,
                        indent + "  ");
            }
        }
    }
}
