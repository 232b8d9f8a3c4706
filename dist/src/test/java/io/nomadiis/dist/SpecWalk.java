package io.nomadiis.dist;

import io.nomadiis.proto.hclspec.Spec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens an hclspec proto as Nomad would read it into {@code path → kind}: attributes as their
 * HCL type expression ({@code string}, {@code list(string)}, ...), blocks as {@code block},
 * {@code block_list[min..max]} etc., with nested paths joined by dots.
 */
final class SpecWalk {

    private SpecWalk() {}

    static Map<String, String> flatten(Spec spec) {
        Map<String, String> out = new TreeMap<>();
        walk(spec, "", null, out);
        return out;
    }

    private static void walk(Spec spec, String prefix, String impliedName, Map<String, String> out) {
        switch (spec.getBlockCase()) {
            case OBJECT -> spec.getObject().getAttributesMap().forEach((name, child) -> walk(child, prefix, name, out));
            case ATTR ->
                out.put(
                        prefix + name(spec.getAttr().getName(), impliedName),
                        spec.getAttr().getType() + (spec.getAttr().getRequired() ? " required" : ""));
            case DEFAULT -> {
                Spec primary = spec.getDefault().getPrimary();
                walk(primary, prefix, impliedName, out);
            }
            case BLOCK_VALUE -> {
                String name = prefix + spec.getBlockValue().getName();
                out.put(name, "block");
                walk(spec.getBlockValue().getNested(), name + ".", null, out);
            }
            case BLOCK_LIST -> {
                String name = prefix + spec.getBlockList().getName();
                out.put(
                        name,
                        "block_list[" + spec.getBlockList().getMinItems() + ".."
                                + spec.getBlockList().getMaxItems() + "]");
                walk(spec.getBlockList().getNested(), name + ".", null, out);
            }
            case BLOCK_SET -> {
                String name = prefix + spec.getBlockSet().getName();
                out.put(name, "block_set");
                walk(spec.getBlockSet().getNested(), name + ".", null, out);
            }
            case BLOCK_MAP -> {
                String name = prefix + spec.getBlockMap().getName();
                out.put(name, "block_map");
                walk(spec.getBlockMap().getNested(), name + ".", null, out);
            }
            case BLOCK_ATTRS ->
                out.put(
                        prefix + spec.getBlockAttrs().getName(),
                        "block_attrs(" + spec.getBlockAttrs().getType() + ")");
            case LITERAL, ARRAY ->
                out.put(prefix + impliedName, spec.getBlockCase().name().toLowerCase(Locale.ROOT));
            case BLOCK_NOT_SET -> throw new AssertionError("spec without a block at " + prefix + impliedName);
        }
    }

    private static String name(String explicit, String implied) {
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        if (implied == null) {
            throw new AssertionError("attribute without a name and without an implied name");
        }
        return implied;
    }
}
