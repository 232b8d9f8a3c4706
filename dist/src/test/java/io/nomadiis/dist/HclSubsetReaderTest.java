package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test-only HCL subset reader, and every example job's config decoding with the driver's own decoder. */
class HclSubsetReaderTest {

    @Test
    @SuppressWarnings("unchecked")
    void parse_blocksAttributesHeredocsAndConditionals() {
        HclSubsetReader.Body body = HclSubsetReader.parse("""
                # comment
                variable "zip" { default = "" }
                a = var.zip == "" ? "empty" : "set" // trailing
                b = [1, 2.5, true, null, "x\\"y",]
                block "one" "two" {
                  text = <<-EOT
                    indented
                      more
                  EOT
                  /* block
                     comment */
                  escaped = "$${not} %%{either}"
                }
                """);
        Map<String, Map<String, Object>> scope = Map.of("var", Map.of("zip", ""));
        assertThat(HclSubsetReader.eval(body.attribute("a").value(), scope)).isEqualTo("empty");
        assertThat(HclSubsetReader.eval(body.attribute("a").value(), Map.of("var", Map.of("zip", "u"))))
                .isEqualTo("set");
        assertThat((List<Object>) HclSubsetReader.eval(body.attribute("b").value(), scope))
                .containsExactly(1L, new java.math.BigDecimal("2.5"), true, null, "x\"y");
        HclSubsetReader.Block block = body.single("block");
        assertThat(block.labels()).containsExactly("one", "two");
        assertThat(HclSubsetReader.eval(block.body().attribute("text").value(), scope))
                .isEqualTo("indented\n  more\n");
        assertThat(HclSubsetReader.eval(block.body().attribute("escaped").value(), scope))
                .isEqualTo("${not} %{either}");
    }

    @Test
    void parse_outsideTheSubset_errorsNamingTheLine() {
        assertThatThrownBy(() -> HclSubsetReader.parse("a = \"${var.x}\"\n"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("interpolation");
        assertThatThrownBy(() -> HclSubsetReader.parse("x {\n a = upper(\"b\")\n}\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("function");
        assertThatThrownBy(() -> HclSubsetReader.parse("a = 1 2\n")).hasMessageContaining("after an attribute");
        assertThatThrownBy(() -> HclSubsetReader.parse("x {\n")).hasMessageContaining("missing }");
        assertThatThrownBy(() -> HclSubsetReader.eval(
                        HclSubsetReader.parse("a = var.nope\n").attribute("a").value(), Map.of("var", Map.of())))
                .hasMessageContaining("unknown reference var.nope");
    }

    @Test
    void examples_everyJobConfigDecodesWithTheDriversDecoder() throws Exception {
        List<Path> jobs;
        try (Stream<Path> files = Files.list(ExamplesIT.examplesDir())) {
            jobs = files.filter(p -> p.getFileName().toString().endsWith(".nomad.hcl"))
                    .sorted()
                    .toList();
        }
        assertThat(jobs)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("aspnetcore.nomad.hcl", "static-site.nomad.hcl", "two-pools-https.nomad.hcl");
        for (Path job : jobs) {
            ExampleJob example = ExampleJob.read(job, TaskConfigSpec.spec());
            IisTaskConfig config =
                    TaskConfigSpec.decode(CtyMsgpackWriter.encode(TaskConfigSpec.spec(), example.config()));
            assertThat(config.applications()).as("%s", job).isNotEmpty();
            assertThat(example.portLabels()).as("%s", job).contains("http");
            assertThat(example.templates()).as("%s", job).isNotEmpty();
        }
    }

    @Test
    void examples_agentConfigDecodesAndItsArgsAreKnown() throws Exception {
        ExampleJob.AgentPlugin agent = ExampleJob.readAgent(
                ExamplesIT.examplesDir().resolve("agent.hcl"), "nomad_iis", PluginConfigSpec.spec());
        PluginConfigSpec.decode(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), agent.config()));
        PluginArguments args = PluginArguments.parse(agent.args(), Path.of("state"));
        assertThat(args.warnings()).isEmpty();
        assertThat(args.managementApi().port()).isEqualTo(5004);
    }
}
