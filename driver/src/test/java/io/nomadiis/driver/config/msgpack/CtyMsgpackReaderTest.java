package io.nomadiis.driver.config.msgpack;

import static io.nomadiis.driver.config.msgpack.CtyMsgpackWriterTest.EXAMPLE;
import static io.nomadiis.driver.config.msgpack.CtyMsgpackWriterTest.EXAMPLE_BYTES;
import static io.nomadiis.driver.config.spec.HclType.ANY;
import static io.nomadiis.driver.config.spec.HclType.BOOL;
import static io.nomadiis.driver.config.spec.HclType.NUMBER;
import static io.nomadiis.driver.config.spec.HclType.STRING;
import static io.nomadiis.driver.config.spec.Spec.attr;
import static io.nomadiis.driver.config.spec.Spec.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtyMsgpackReaderTest {

    private static final Spec.Obj SECOND = object(
            Spec.defaulted("enabled", BOOL, true),
            attr("labels", HclType.map(STRING), false),
            attr("anything", ANY, false),
            Spec.block("auth", false, object(attr("user", STRING, false))),
            new Spec.BlockAttrs("vols", STRING, false),
            new Spec.BlockMap("bm", List.of("name"), object(attr("x", STRING, false))),
            new Spec.BlockSet("bs", 0, 0, object(attr("y", STRING, false))));

    @Test
    void read_workedExample_givesValueTree() throws Exception {
        Map<String, Object> value = CtyMsgpackReader.read(EXAMPLE, EXAMPLE_BYTES);

        assertThat(value).containsEntry("image", "redis").containsEntry("args", null);
        assertThat((BigDecimal) value.get("cpu_weight")).isEqualByComparingTo("0.5");
        assertThat(value.get("ports"))
                .asList()
                .singleElement()
                .isEqualTo(Map.of("label", "db", "to", new BigDecimal(6379)));
    }

    @Test
    void readThenWrite_workedExample_roundTripsByteForByte() throws Exception {
        byte[] again = CtyMsgpackWriter.encode(EXAMPLE, CtyMsgpackReader.read(EXAMPLE, EXAMPLE_BYTES));

        assertThat(Bytes.hex(again)).isEqualTo(Bytes.hex(EXAMPLE_BYTES));
    }

    @Test
    void writeThenRead_everySpecKind_roundTrips() throws Exception {
        Map<String, Object> value = new HashMap<>();
        value.put("enabled", false);
        value.put("labels", Map.of("a", "1", "b", "2"));
        value.put("anything", Map.of("n", new BigDecimal("-200"), "list", List.of(true, "x")));
        value.put("auth", Map.of("user", "bob"));
        value.put("vols", Map.of("data", "/mnt"));
        value.put("bm", Map.of("first", Map.of("x", "1")));
        value.put("bs", List.of(Map.of("y", "2")));

        byte[] bytes = CtyMsgpackWriter.encode(SECOND, value);
        Map<String, Object> read = CtyMsgpackReader.read(SECOND, bytes);

        assertThat(read).isEqualTo(value);
        assertThat(CtyMsgpackWriter.encode(SECOND, read)).isEqualTo(bytes);
    }

    @Test
    void read_secondExampleEmpty_givesAbsentValues() throws Exception {
        byte[] bytes = Bytes.of("87 a8 \"anything\" c0 a4 \"auth\" c0 a2 \"bm\" 80 a2 \"bs\" 90 a7 \"enabled\" c3"
                + " a6 \"labels\" c0 a4 \"vols\" c0");

        Map<String, Object> value = CtyMsgpackReader.read(SECOND, bytes);

        assertThat(value)
                .containsEntry("enabled", true)
                .containsEntry("anything", null)
                .containsEntry("auth", null)
                .containsEntry("bm", Map.of())
                .containsEntry("bs", List.of())
                .containsEntry("labels", null)
                .containsEntry("vols", null);
    }

    @Test
    void read_zeroLength_isEmptyObjectWithDefaults() throws Exception {
        Map<String, Object> value = CtyMsgpackReader.read(SECOND, new byte[0]);

        assertThat(value)
                .containsEntry("enabled", true)
                .containsEntry("bs", List.of())
                .containsEntry("bm", Map.of());
    }

    @Test
    void read_missingKeysAndNilDefault_countAsAbsent() throws Exception {
        Map<String, Object> value = CtyMsgpackReader.read(SECOND, Bytes.of("81 a7 \"enabled\" c0"));

        assertThat(value)
                .containsEntry("enabled", true)
                .containsEntry("bs", List.of())
                .hasSize(7);
    }

    @Test
    void read_numberInEveryEncoding_givesSameBigDecimal() throws Exception {
        Spec number = attr("n", NUMBER, false);
        for (String hex : List.of(
                "cd 07 d0",
                "d1 07 d0",
                "ce 00 00 07 d0",
                "cf 00 00 00 00 00 00 07 d0",
                "d3 00 00 00 00 00 00 07 d0",
                "cb 40 9f 40 00 00 00 00 00",
                "ca 44 fa 00 00",
                "a4 \"2000\"")) {
            assertThat((BigDecimal) CtyMsgpackReader.readValue(number, Bytes.of(hex)))
                    .as(hex)
                    .isEqualByComparingTo("2000");
        }
        assertThat((BigDecimal) CtyMsgpackReader.readValue(number, Bytes.of("b5 \"100000000000000000000\"")))
                .isEqualByComparingTo("1e20");
        assertThat((BigDecimal) CtyMsgpackReader.readValue(number, Bytes.of("cf ff ff ff ff ff ff ff ff")))
                .isEqualByComparingTo("18446744073709551615");
        assertThat((BigDecimal) CtyMsgpackReader.readValue(number, Bytes.of("d1 ff 38")))
                .isEqualByComparingTo("-200");
    }

    @Test
    void read_stringAsBin_isAcceptedLeniently() throws Exception {
        assertThat(CtyMsgpackReader.readValue(attr("s", STRING, false), Bytes.of("c4 02 \"hi\"")))
                .isEqualTo("hi");
    }

    @Test
    void read_longStrings_decode() throws Exception {
        String text = "y".repeat(300);
        byte[] bytes = CtyMsgpackWriter.encodeValue(attr("s", STRING, false), text);

        assertThat(CtyMsgpackReader.readValue(attr("s", STRING, false), bytes)).isEqualTo(text);
    }

    @Test
    void read_wrongTypes_areAllReported() {
        Spec.Obj spec =
                object(attr("a", BOOL, false), attr("b", NUMBER, false), attr("c", HclType.list(STRING), false));

        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> CtyMsgpackReader.read(spec, Bytes.of("83 a1 \"a\" 01 a1 \"b\" a3 \"abc\" a1 \"c\" a1 \"x\"")));

        assertThat(e.violations())
                .containsExactly(
                        "a: expected a bool, got integer",
                        "b: expected a number, got \"abc\"",
                        "c: expected a list, got string");
    }

    @Test
    void read_unknownValueExtension_isReported() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> CtyMsgpackReader.read(object(attr("a", ANY, false)), Bytes.of("81 a1 \"a\" d4 00 00")));

        assertThat(e.violations()).singleElement().asString().startsWith("a: unsupported value (extension)");
    }

    @Test
    void read_missingRequiredAttribute_isReported() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class, () -> CtyMsgpackReader.read(EXAMPLE, Bytes.of("81 a5 \"image\" c0")));

        assertThat(e.violations()).containsExactly("image: attribute is required");
    }

    @Test
    void read_trailingBytes_areReported() {
        byte[] bytes = Arrays.copyOf(EXAMPLE_BYTES, EXAMPLE_BYTES.length + 1);

        InvalidConfigException e =
                catchThrowableOfType(InvalidConfigException.class, () -> CtyMsgpackReader.read(EXAMPLE, bytes));

        assertThat(e.violations()).containsExactly("config: unexpected bytes after the msgpack value");
    }

    @Test
    void read_truncatedBytes_areReported() {
        byte[] bytes = Arrays.copyOf(EXAMPLE_BYTES, 20);

        InvalidConfigException e =
                catchThrowableOfType(InvalidConfigException.class, () -> CtyMsgpackReader.read(EXAMPLE, bytes));

        assertThat(e.violations()).singleElement().asString().startsWith("config: malformed msgpack bytes");
    }

    @Test
    void read_hugeArrayHeaderWithoutElements_isMalformedNotOutOfMemory() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> CtyMsgpackReader.read(
                        object(attr("c", HclType.list(STRING), false)), Bytes.of("81 a1 \"c\" dd 7f ff ff ff")));

        assertThat(e.violations()).singleElement().asString().startsWith("config: malformed msgpack bytes");
    }

    @Test
    void read_absurdlyDeepValue_isRefusedWithoutStackOverflow() {
        byte[] bytes = Bytes.of("81 a1 \"a\" " + "91 ".repeat(10_000) + "c0");

        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class, () -> CtyMsgpackReader.read(object(attr("a", ANY, false)), bytes));

        assertThat(e.violations()).singleElement().asString().contains("nested deeper than 64 levels");
    }

    @Test
    void read_rootNotAMap_isReported() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class, () -> CtyMsgpackReader.read(EXAMPLE, Bytes.of("91 c0")));

        assertThat(e.violations()).contains("config: expected an object, got array");
    }
}
