package io.nomadiis.driver.config.msgpack;

import static io.nomadiis.driver.config.spec.HclType.ANY;
import static io.nomadiis.driver.config.spec.HclType.BOOL;
import static io.nomadiis.driver.config.spec.HclType.NUMBER;
import static io.nomadiis.driver.config.spec.HclType.STRING;
import static io.nomadiis.driver.config.spec.Spec.attr;
import static io.nomadiis.driver.config.spec.Spec.blockList;
import static io.nomadiis.driver.config.spec.Spec.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtyMsgpackWriterTest {

    /** The spec of nomad-protocol.md §4.4. */
    static final Spec.Obj EXAMPLE = object(
            attr("image", STRING, true),
            attr("cpu_weight", NUMBER, false),
            blockList("ports", 0, 0, object(attr("label", STRING, false), attr("to", NUMBER, false))),
            attr("args", HclType.list(STRING), false));

    static final byte[] EXAMPLE_BYTES = Bytes.of("""
            84 a4 61 72 67 73 c0 aa 63 70 75 5f 77 65 69 67 68 74 cb 3f e0 00 00 00 00 00 00
            a5 69 6d 61 67 65 a5 72 65 64 69 73 a5 70 6f 72 74 73 91 82 a5 6c 61 62 65 6c
            a2 64 62 a2 74 6f cd 18 eb""");

    @Test
    void encode_workedExample_matchesCtyByteForByte() {
        Map<String, Object> config =
                Map.of("image", "redis", "cpu_weight", 0.5, "ports", List.of(Map.of("label", "db", "to", 6379)));

        byte[] bytes = CtyMsgpackWriter.encode(EXAMPLE, config);

        assertThat(bytes).hasSize(62);
        assertThat(Bytes.hex(bytes)).isEqualTo(Bytes.hex(EXAMPLE_BYTES));
    }

    @Test
    void encode_absentBlockList_writesEmptyArray() {
        byte[] bytes = CtyMsgpackWriter.encode(EXAMPLE, Map.of("image", "redis"));

        assertThat(Bytes.hex(bytes))
                .isEqualTo(Bytes.hex(
                        Bytes.of("84 a4 \"args\" c0 aa \"cpu_weight\" c0 a5 \"image\" a5 \"redis\" a5 \"ports\" 90")));
    }

    @Test
    void encode_secondExampleEmptyConfig_matchesCty() {
        Spec.Obj spec = object(
                Spec.defaulted("enabled", BOOL, true),
                attr("labels", HclType.map(STRING), false),
                attr("anything", ANY, false),
                Spec.block("auth", false, object(attr("user", STRING, false))),
                new Spec.BlockAttrs("vols", STRING, false),
                new Spec.BlockMap("bm", List.of("name"), object(attr("x", STRING, false))),
                new Spec.BlockSet("bs", 0, 0, object(attr("y", STRING, false))));

        byte[] bytes = CtyMsgpackWriter.encode(spec, Map.of());

        assertThat(Bytes.hex(bytes))
                .isEqualTo(Bytes.hex(Bytes.of("87 a8 \"anything\" c0 a4 \"auth\" c0 a2 \"bm\" 80"
                        + " a2 \"bs\" 90 a7 \"enabled\" c3 a6 \"labels\" c0 a4 \"vols\" c0")));
    }

    @Test
    void encodeNumber_integers_useSmallestFormUnsignedWhenNonNegative() {
        assertThat(number(512)).isEqualTo("cd 02 00");
        assertThat(number(200)).isEqualTo("cc c8");
        assertThat(number(-1)).isEqualTo("ff");
        assertThat(number(-200)).isEqualTo("d1 ff 38");
        assertThat(number(70000)).isEqualTo("ce 00 01 11 70");
        assertThat(number(5)).isEqualTo("05");
        assertThat(number(0)).isEqualTo("00");
        assertThat(number(new BigDecimal("6379.000"))).isEqualTo("cd 18 eb");
        assertThat(number(Long.MAX_VALUE)).isEqualTo("cf 7f ff ff ff ff ff ff ff");
    }

    @Test
    void encodeNumber_nonIntegralExactInFloat64_writesFloat64() {
        assertThat(number(1.5)).isEqualTo("cb 3f f8 00 00 00 00 00 00");
        assertThat(number(new BigDecimal("0.5"))).isEqualTo("cb 3f e0 00 00 00 00 00 00");
    }

    @Test
    void encodeNumber_beyondInt64OrFloat64_writesDecimalString() {
        String digits = "100000000000000000000";
        assertThat(number(new BigDecimal("1e20"))).isEqualTo(Bytes.hex(Bytes.of("b5 \"" + digits + "\"")));
        assertThat(number(new BigInteger(digits))).isEqualTo(Bytes.hex(Bytes.of("b5 \"" + digits + "\"")));
        assertThat(number(new BigDecimal("0.1"))).isEqualTo(Bytes.hex(Bytes.of("a3 \"0.1\"")));
    }

    @Test
    void encodeString_45Bytes_usesStr8() {
        String text = "x".repeat(45);

        byte[] bytes = CtyMsgpackWriter.encodeValue(attr("s", STRING, false), text);

        assertThat(Bytes.hex(bytes)).isEqualTo(Bytes.hex(Bytes.of("d9 2d \"" + text + "\"")));
    }

    @Test
    void encodeString_lengthBoundaries_useSmallestHeader() {
        assertThat(header("x".repeat(31))).isEqualTo("bf");
        assertThat(header("x".repeat(32))).isEqualTo("d9 20");
        assertThat(header("x".repeat(255))).isEqualTo("d9 ff");
        assertThat(header("x".repeat(256))).isEqualTo("da 01 00");
        assertThat(header("x".repeat(70000))).isEqualTo("db 00 01 11 70");
    }

    @Test
    void encodeMap_keys_sortedBytewise() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("b", "2");
        labels.put("a", "1");
        labels.put("B", "3");

        byte[] bytes = CtyMsgpackWriter.encodeValue(attr("m", HclType.map(STRING), false), labels);

        assertThat(Bytes.hex(bytes))
                .isEqualTo(Bytes.hex(Bytes.of("83 a1 \"B\" a1 \"3\" a1 \"a\" a1 \"1\" a1 \"b\" a1 \"2\"")));
    }

    @Test
    void encode_unknownAttribute_isRefused() {
        assertThatThrownBy(() -> CtyMsgpackWriter.encode(EXAMPLE, Map.of("image", "x", "nope", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no attribute nope");
    }

    @Test
    void encode_defaultWithValue_writesValueNotLiteral() {
        Spec.Obj spec = object(Spec.defaulted("enabled", BOOL, true));

        assertThat(Bytes.hex(CtyMsgpackWriter.encode(spec, Map.of("enabled", false))))
                .isEqualTo(Bytes.hex(Bytes.of("81 a7 \"enabled\" c2")));
    }

    private static String number(Number value) {
        return Bytes.hex(CtyMsgpackWriter.encodeValue(attr("n", NUMBER, false), value));
    }

    private static String header(String text) {
        byte[] bytes = CtyMsgpackWriter.encodeValue(attr("s", STRING, false), text);
        int headerLength = bytes.length - text.length();
        return Bytes.hex(java.util.Arrays.copyOf(bytes, headerLength));
    }
}
