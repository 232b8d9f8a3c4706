package io.nomadiis.driver.grpc;

import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.proto.hclspec.Array;
import io.nomadiis.proto.hclspec.Attr;
import io.nomadiis.proto.hclspec.Block;
import io.nomadiis.proto.hclspec.BlockAttrs;
import io.nomadiis.proto.hclspec.BlockList;
import io.nomadiis.proto.hclspec.BlockMap;
import io.nomadiis.proto.hclspec.BlockSet;
import io.nomadiis.proto.hclspec.Default;
import io.nomadiis.proto.hclspec.Literal;

/**
 * Converts our {@link Spec} model into Nomad's {@code hclspec.Spec} proto for {@code ConfigSchema} and
 * {@code TaskConfigSchema}. Every {@code Attr} carries its explicit name and a non-empty type expression
 * (Nomad fails on an empty type, and an attribute under a {@code Default} gets no implied name); every
 * {@code Literal} carries an HCL expression (string literals quoted).
 */
public final class HclSpecProtos {

    private HclSpecProtos() {}

    /** The proto form of {@code spec}. */
    public static io.nomadiis.proto.hclspec.Spec toProto(Spec spec) {
        io.nomadiis.proto.hclspec.Spec.Builder out = io.nomadiis.proto.hclspec.Spec.newBuilder();
        if (spec instanceof Spec.Obj obj) {
            io.nomadiis.proto.hclspec.Object.Builder object = io.nomadiis.proto.hclspec.Object.newBuilder();
            obj.attributes().forEach((name, child) -> object.putAttributes(name, toProto(child)));
            out.setObject(object);
        } else if (spec instanceof Spec.Attr attr) {
            out.setAttr(Attr.newBuilder()
                    .setName(attr.name())
                    .setType(attr.type().expression())
                    .setRequired(attr.required()));
        } else if (spec instanceof Spec.Block block) {
            out.setBlockValue(Block.newBuilder()
                    .setName(block.name())
                    .setRequired(block.required())
                    .setNested(toProto(block.nested())));
        } else if (spec instanceof Spec.BlockList list) {
            out.setBlockList(BlockList.newBuilder()
                    .setName(list.name())
                    .setMinItems(list.min())
                    .setMaxItems(list.max())
                    .setNested(toProto(list.nested())));
        } else if (spec instanceof Spec.BlockSet set) {
            out.setBlockSet(BlockSet.newBuilder()
                    .setName(set.name())
                    .setMinItems(set.min())
                    .setMaxItems(set.max())
                    .setNested(toProto(set.nested())));
        } else if (spec instanceof Spec.BlockMap map) {
            out.setBlockMap(BlockMap.newBuilder()
                    .setName(map.name())
                    .addAllLabels(map.labels())
                    .setNested(toProto(map.nested())));
        } else if (spec instanceof Spec.BlockAttrs attrs) {
            out.setBlockAttrs(BlockAttrs.newBuilder()
                    .setName(attrs.name())
                    .setType(attrs.elementType().expression())
                    .setRequired(attrs.required()));
        } else if (spec instanceof Spec.Default dflt) {
            out.setDefault(
                    Default.newBuilder().setPrimary(toProto(dflt.primary())).setDefault(toProto(dflt.defaultSpec())));
        } else if (spec instanceof Spec.Literal literal) {
            out.setLiteral(Literal.newBuilder().setValue(literal.expression()));
        } else if (spec instanceof Spec.Array array) {
            Array.Builder tuple = Array.newBuilder();
            array.values().forEach(child -> tuple.addValues(toProto(child)));
            out.setArray(tuple);
        }
        return out.build();
    }
}
