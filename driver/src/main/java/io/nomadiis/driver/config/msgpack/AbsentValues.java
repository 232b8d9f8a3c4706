package io.nomadiis.driver.config.msgpack;

import io.nomadiis.driver.config.spec.Spec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a spec decodes to when its value is nil or missing, exactly as hcldec would produce it for an
 * absent attribute or block: null for attributes, blocks and block-attrs, an empty list for block lists and
 * sets, an empty map for block maps, the literal for a {@link Spec.Default}. Records a violation for absent
 * required attributes and blocks and for block lists below their minimum.
 */
final class AbsentValues {

    private final List<String> violations;

    AbsentValues(List<String> violations) {
        this.violations = violations;
    }

    Object of(Spec spec, String path) {
        if (spec instanceof Spec.Obj obj) {
            return object(obj, path);
        } else if (spec instanceof Spec.Attr attr) {
            if (attr.required()) {
                violations.add(CtyMsgpackReader.where(path) + ": attribute is required");
            }
            return null;
        } else if (spec instanceof Spec.Block block) {
            if (block.required()) {
                violations.add(CtyMsgpackReader.where(path) + ": block is required");
            }
            return null;
        } else if (spec instanceof Spec.BlockList list) {
            checkCount(0, list.min(), list.max(), path);
            return List.of();
        } else if (spec instanceof Spec.BlockSet set) {
            checkCount(0, set.min(), set.max(), path);
            return List.of();
        } else if (spec instanceof Spec.BlockMap) {
            return Map.of();
        } else if (spec instanceof Spec.BlockAttrs attrs) {
            if (attrs.required()) {
                violations.add(CtyMsgpackReader.where(path) + ": block is required");
            }
            return null;
        } else if (spec instanceof Spec.Default dflt) {
            Object primary = new AbsentValues(new java.util.ArrayList<>()).of(dflt.primary(), path);
            return primary != null ? primary : of(dflt.defaultSpec(), path);
        } else if (spec instanceof Spec.Literal literal) {
            return literal.value();
        }
        return null;
    }

    Map<String, Object> object(Spec.Obj obj, String path) {
        Map<String, Object> result = new LinkedHashMap<>();
        obj.attributes().forEach((key, child) -> result.put(key, of(child, CtyMsgpackReader.join(path, key))));
        return Collections.unmodifiableMap(result);
    }

    void checkCount(int count, int min, int max, String path) {
        if (count < min) {
            violations.add(CtyMsgpackReader.where(path) + ": at least " + min + " block" + (min == 1 ? "" : "s")
                    + " required, got " + count);
        }
        if (max > 0 && count > max) {
            violations.add(CtyMsgpackReader.where(path) + ": at most " + max + " block" + (max == 1 ? "" : "s")
                    + " allowed, got " + count);
        }
    }
}
