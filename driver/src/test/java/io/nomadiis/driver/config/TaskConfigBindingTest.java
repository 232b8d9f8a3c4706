package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.TaskConfigSpecTest.decode;
import static io.nomadiis.driver.config.TaskConfigSpecTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskConfigBindingTest {

    private static final String SOURCES = "thumbprint, pfx_file, cert_file (with key_file) or use_self_signed = true";

    @Test
    void decode_httpBindingWithLabel_appliesDefaults() throws Exception {
        BindingConfig binding = binding(Map.of("type", "HTTP", "port", "web"));

        assertThat(binding).isEqualTo(new BindingConfig("http", "web", null, "*", false, null));
    }

    @Test
    void decode_httpsBindingWithEveryAttribute_isKept() throws Exception {
        Map<String, Object> certificate = Map.of("pfx_file", "secrets/site.pfx", "password", "pw");
        BindingConfig binding = binding(Map.of(
                "type",
                "https",
                "port",
                "443",
                "hostname",
                "example.test",
                "ip_address",
                "10.0.0.5",
                "require_sni",
                true,
                "certificate",
                certificate));

        assertThat(binding)
                .isEqualTo(new BindingConfig(
                        "https",
                        "443",
                        "example.test",
                        "10.0.0.5",
                        true,
                        new CertificateConfig(null, "secrets/site.pfx", "pw", null, null, false)));
        assertThat(binding.certificate().toString()).doesNotContain("pw,").doesNotContain("=pw");
    }

    @Test
    void decode_thumbprint_isStrippedAndUpperCased() throws Exception {
        BindingConfig binding = binding(
                Map.of("type", "https", "port", "web", "certificate", Map.of("thumbprint", "\u200eab cd:ef 01-23")));

        assertThat(binding.certificate().thumbprint()).isEqualTo("ABCDEF0123");
    }

    @Test
    void decode_certFileWithKeyFileAndSelfSigned_areEachOneSource() throws Exception {
        assertThat(binding(Map.of(
                                "type",
                                "https",
                                "port",
                                "web",
                                "certificate",
                                Map.of("cert_file", "c.pem", "key_file", "c.pem")))
                        .certificate())
                .isEqualTo(new CertificateConfig(null, null, null, "c.pem", "c.pem", false));
        assertThat(binding(Map.of("type", "https", "port", "web", "certificate", Map.of("use_self_signed", true)))
                        .certificate()
                        .useSelfSigned())
                .isTrue();
    }

    @Test
    void decode_badType_isRefused() {
        assertThat(bindingViolations(Map.of("type", "ftp", "port", "web")))
                .containsExactly("binding[0].type: \"ftp\" is not allowed; use \"http\" or \"https\"");
    }

    @Test
    void decode_httpsWithoutCertificate_isRefused() {
        assertThat(bindingViolations(Map.of("type", "https", "port", "web")))
                .containsExactly("binding[0].certificate: required for an https binding; set " + SOURCES);
    }

    @Test
    void decode_numericPortWithoutHostname_isRefused() {
        assertThat(bindingViolations(Map.of("type", "http", "port", "8080")))
                .containsExactly("binding[0].port: static port \"8080\" is only allowed together with a hostname;"
                        + " use a port label of the group's network block instead");
    }

    @Test
    void decode_numericPortOutOfRange_isRefused() {
        assertThat(bindingViolations(Map.of("type", "http", "port", "70000", "hostname", "h")))
                .containsExactly("binding[0].port: \"70000\" is not a port number from 1 to 65535");
    }

    @Test
    void decode_missingTypeAndPort_areRequired() {
        assertThat(bindingViolations(Map.of("hostname", "h")))
                .containsExactlyInAnyOrder(
                        "binding[0].type: attribute is required", "binding[0].port: attribute is required");
    }

    @Test
    void decode_certificateWithoutSource_isRefused() {
        assertThat(bindingViolations(Map.of("type", "https", "port", "web", "certificate", Map.of("password", "x"))))
                .containsExactly("binding[0].certificate: names no certificate source; set exactly one of " + SOURCES);
    }

    @Test
    void decode_certificateWithTwoSources_isRefused() {
        assertThat(bindingViolations(Map.of(
                        "type",
                        "https",
                        "port",
                        "web",
                        "certificate",
                        Map.of("thumbprint", "AB", "use_self_signed", true))))
                .containsExactly("binding[0].certificate: names 2 certificate sources (thumbprint, use_self_signed);"
                        + " set exactly one of " + SOURCES);
    }

    @Test
    void decode_certFileWithoutKeyFile_isRefused() {
        assertThat(bindingViolations(
                        Map.of("type", "https", "port", "web", "certificate", Map.of("cert_file", "c.pem"))))
                .containsExactly(
                        "binding[0].certificate.key_file: required together with cert_file (a PEM PKCS#8 private key)");
    }

    @Test
    void decode_keyFileAlone_isRefused() {
        assertThat(bindingViolations(
                        Map.of("type", "https", "port", "web", "certificate", Map.of("key_file", "k.pem"))))
                .containsExactly("binding[0].certificate.key_file: only allowed together with cert_file");
    }

    @Test
    void decode_thumbprintWithoutHexDigits_isRefused() {
        assertThat(bindingViolations(Map.of("type", "https", "port", "web", "certificate", Map.of("thumbprint", "zz"))))
                .containsExactly("binding[0].certificate.thumbprint: \"zz\" holds no hexadecimal digits");
    }

    @Test
    void decode_64Bindings_areAccepted() throws Exception {
        IisTaskConfig config = decode(Map.of("binding", bindings(64), "application", List.of(Map.of("path", "p"))));

        assertThat(config.bindings()).hasSize(64);
    }

    @Test
    void decode_65Bindings_areRefused() {
        assertThat(violations(Map.of("binding", bindings(65), "application", List.of(Map.of("path", "p")))))
                .containsExactly("binding: at most 64 blocks allowed, got 65");
    }

    @Test
    void decode_violationsInSeveralBindings_nameEachIndex() {
        assertThat(violations(Map.of(
                        "application",
                        List.of(Map.of("path", "p")),
                        "binding",
                        List.of(
                                Map.of("type", "http", "port", "web"),
                                Map.of("type", "https", "port", "web"),
                                Map.of("type", "http", "port", "81")))))
                .containsExactly(
                        "binding[1].certificate: required for an https binding; set " + SOURCES,
                        "binding[2].port: static port \"81\" is only allowed together with a hostname;"
                                + " use a port label of the group's network block instead");
    }

    private static List<Map<String, Object>> bindings(int count) {
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bindings.add(Map.of("type", "http", "port", "web", "hostname", "h" + i));
        }
        return bindings;
    }

    private static BindingConfig binding(Map<String, Object> binding) throws InvalidConfigException {
        return decode(Map.of("binding", List.of(binding), "application", List.of(Map.of("path", "p"))))
                .bindings()
                .get(0);
    }

    private static List<String> bindingViolations(Map<String, Object> binding) {
        Map<String, Object> config = new HashMap<>();
        config.put("binding", List.of(binding));
        config.put("application", List.of(Map.of("path", "p")));
        return violations(config);
    }
}
