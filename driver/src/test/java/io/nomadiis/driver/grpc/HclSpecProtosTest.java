package io.nomadiis.driver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.proto.hclspec.Attr;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HclSpecProtosTest {

    @Test
    void toProto_pluginSpec_hasEveryAgentAttributeWithTypeAndDefault() {
        io.nomadiis.proto.hclspec.Spec proto = HclSpecProtos.toProto(PluginConfigSpec.spec());
        Map<String, String> found = new TreeMap<>();
        walk(proto, "", found);

        assertThat(found)
                .isEqualTo(new TreeMap<>(Map.ofEntries(
                        Map.entry("enabled", "bool = true"),
                        Map.entry("fingerprint_interval", "string = \"30s\""),
                        Map.entry("directory_security", "bool = true"),
                        Map.entry("allowed_target_websites", "list(string) = []"),
                        Map.entry("allowed_apppool_identities", "list(string) = [\"ApplicationPoolIdentity\"]"),
                        Map.entry("allowed_apppool_users", "list(string) = []"),
                        Map.entry("placeholder_app_path", "string = \"C:\\\\inetpub\\\\wwwroot\""),
                        Map.entry("procdump", "block"),
                        Map.entry("procdump.binary_path", "string = \"C:\\\\procdump.exe\""),
                        Map.entry("procdump.accept_eula", "bool = false"))));
    }

    @Test
    void toProto_taskSpec_hasEveryJobAttributeWithType() {
        Map<String, String> found = new TreeMap<>();
        walk(HclSpecProtos.toProto(TaskConfigSpec.spec()), "", found);

        assertThat(found)
                .containsEntry("application", "block_list 1..0")
                .containsEntry("application.path", "string required")
                .containsEntry("application.alias", "string")
                .containsEntry("application.application_pool", "string = \"default\"")
                .containsEntry("application.enable_preload", "bool")
                .containsEntry("application.service_auto_start_enabled", "bool")
                .containsEntry("application.service_auto_start_provider", "string")
                .containsEntry("application.virtual_directory", "block_list 0..0")
                .containsEntry("application.virtual_directory.alias", "string required")
                .containsEntry("application.virtual_directory.path", "string required")
                .containsEntry("application.virtual_directory.extension.name", "string required")
                .containsEntry("application.extension.value", "string required")
                .containsEntry("application_pool.name", "string = \"default\"")
                .containsEntry("application_pool.identity", "string = \"ApplicationPoolIdentity\"")
                .containsEntry("application_pool.queue_length", "number")
                .containsEntry("application_pool.extension.name", "string required")
                .containsEntry("applicationPool.shutdown_time_limit", "string")
                .containsEntry("binding", "block_list 0..64")
                .containsEntry("binding.type", "string required")
                .containsEntry("binding.port", "string required")
                .containsEntry("binding.ip_address", "string = \"*\"")
                .containsEntry("binding.require_sni", "bool = false")
                .containsEntry("binding.certificate", "block")
                .containsEntry("binding.certificate.use_self_signed", "bool = false")
                .containsEntry("service_auto_start_provider.type", "string required")
                .containsEntry("target_website", "string")
                .containsEntry("permit_iusr", "bool = true")
                .containsEntry("log_files", "list(string)");
        List<String> poolAttributes = List.of(
                "name",
                "identity",
                "username",
                "password",
                "managed_pipeline_mode",
                "managed_runtime_version",
                "enable_32bit_app_on_win64",
                "start_mode",
                "idle_timeout",
                "disable_overlapped_recycle",
                "periodic_restart",
                "service_unavailable_response",
                "queue_length",
                "start_time_limit",
                "shutdown_time_limit",
                "extension");
        for (String pool : List.of("application_pool", "applicationPool")) {
            poolAttributes.forEach(a -> assertThat(found).containsKey(pool + "." + a));
        }
        List.of("thumbprint", "pfx_file", "password", "cert_file", "key_file")
                .forEach(a -> assertThat(found).containsEntry("binding.certificate." + a, "string"));
    }

    @Test
    void toProto_everySpecKind_isConverted() {
        Spec spec = Spec.object(
                new Spec.BlockSet("bs", 1, 2, Spec.object(Spec.attr("a", HclType.ANY, false))),
                new Spec.BlockMap("bm", List.of("l1", "l2"), Spec.object()),
                new Spec.BlockAttrs("ba", HclType.map(HclType.NUMBER), true));
        io.nomadiis.proto.hclspec.Spec tuple = HclSpecProtos.toProto(new Spec.Array(List.of(Spec.Literal.of(5))));

        io.nomadiis.proto.hclspec.Object object = HclSpecProtos.toProto(spec).getObject();

        assertThat(object.getAttributesOrThrow("bs").getBlockSet().getMaxItems())
                .isEqualTo(2);
        assertThat(object.getAttributesOrThrow("bm").getBlockMap().getLabelsList())
                .containsExactly("l1", "l2");
        assertThat(object.getAttributesOrThrow("ba").getBlockAttrs().getType()).isEqualTo("map(number)");
        assertThat(tuple.getArray().getValues(0).getLiteral().getValue()).isEqualTo("5");
    }

    /** Records "path -> type [required] [= literal]" for every attribute, and the kind of every block. */
    private static void walk(io.nomadiis.proto.hclspec.Spec spec, String path, Map<String, String> found) {
        switch (spec.getBlockCase()) {
            case OBJECT ->
                spec.getObject()
                        .getAttributesMap()
                        .forEach((name, child) -> walk(child, path.isEmpty() ? name : path + "." + name, found));
            case ATTR -> found.put(path, describe(spec.getAttr(), path));
            case BLOCK_VALUE -> {
                found.put(path, "block");
                walk(spec.getBlockValue().getNested(), path, found);
            }
            case BLOCK_LIST -> {
                found.put(
                        path,
                        "block_list " + spec.getBlockList().getMinItems() + ".."
                                + spec.getBlockList().getMaxItems());
                walk(spec.getBlockList().getNested(), path, found);
            }
            case DEFAULT -> {
                Attr attr = spec.getDefault().getPrimary().getAttr();
                found.put(
                        path,
                        describe(attr, path) + " = "
                                + spec.getDefault().getDefault().getLiteral().getValue());
            }
            default -> throw new AssertionError("unexpected spec kind at " + path + ": " + spec.getBlockCase());
        }
    }

    private static String describe(Attr attr, String path) {
        assertThat(attr.getName()).as("explicit name at " + path).isEqualTo(path.substring(path.lastIndexOf('.') + 1));
        assertThat(attr.getType()).as("type at " + path).isNotEmpty();
        return attr.getType() + (attr.getRequired() ? " required" : "");
    }
}
