package io.nomadiis.driver.config.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecTest {

    @Test
    void literalExpression_values_renderAsHcl() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b c", List.of("x"));

        assertThat(Spec.Literal.of(true).expression()).isEqualTo("true");
        assertThat(Spec.Literal.of(10).expression()).isEqualTo("10");
        assertThat(Spec.Literal.of(0.5).expression()).isEqualTo("0.5");
        assertThat(Spec.Literal.of("5m").expression()).isEqualTo("\"5m\"");
        assertThat(Spec.Literal.of(null).expression()).isEqualTo("null");
        assertThat(Spec.Literal.of(List.of()).expression()).isEqualTo("[]");
        assertThat(Spec.Literal.of(List.of("a", "b")).expression()).isEqualTo("[\"a\", \"b\"]");
        assertThat(Spec.Literal.of(map).expression()).isEqualTo("{\"a\" = 1, \"b c\" = [\"x\"]}");
    }

    @Test
    void literalExpression_specialCharacters_areEscaped() {
        assertThat(Spec.Literal.of("C:\\x \"q\"\n").expression()).isEqualTo("\"C:\\\\x \\\"q\\\"\\n\"");
        assertThat(Spec.Literal.of("${a} %{b} $c").expression()).isEqualTo("\"$${a} %%{b} $c\"");
    }

    @Test
    void typeExpression_everyType_renders() {
        assertThat(HclType.list(HclType.STRING).expression()).isEqualTo("list(string)");
        assertThat(HclType.set(HclType.NUMBER).expression()).isEqualTo("set(number)");
        assertThat(HclType.map(HclType.BOOL).expression()).isEqualTo("map(bool)");
        assertThat(new HclType.ObjectOf(Map.of("a", HclType.ANY)).expression()).isEqualTo("object({a = any})");
        assertThat(new HclType.TupleOf(List.of(HclType.STRING, HclType.NUMBER)).expression())
                .isEqualTo("tuple([string, number])");
    }

    @Test
    void object_membersWithoutNameOrDuplicated_areRefused() {
        assertThatThrownBy(() -> Spec.object(Spec.Literal.of(1))).hasMessageContaining("without a name");
        assertThatThrownBy(
                        () -> Spec.object(Spec.attr("a", HclType.STRING, false), Spec.attr("a", HclType.BOOL, false)))
                .hasMessageContaining("duplicate object member a");
    }

    @Test
    void defaulted_isDefaultOfAttrAndLiteral_namedLikeTheAttr() {
        Spec.Default spec = Spec.defaulted("x", HclType.BOOL, true);

        assertThat(spec.primary()).isEqualTo(new Spec.Attr("x", HclType.BOOL, false));
        assertThat(spec.defaultSpec()).isEqualTo(Spec.Literal.of(true));
        assertThat(spec.memberName()).contains("x");
    }
}
