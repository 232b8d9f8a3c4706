package io.nomadiis.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes {@code binding} blocks and their {@code certificate}: type {@code http}/{@code https}
 * (case-insensitive), a numeric static port only together with a hostname, https needs a certificate, and a
 * certificate names exactly one source.
 */
final class BindingDecoder {

    private static final List<String> TYPES = List.of("http", "https");
    private static final String SOURCES = "thumbprint, pfx_file, cert_file (with key_file) or use_self_signed = true";

    private BindingDecoder() {}

    static List<BindingConfig> decode(List<ConfigBlock> blocks) {
        List<BindingConfig> bindings = new ArrayList<>();
        for (ConfigBlock block : blocks) {
            bindings.add(decodeOne(block));
        }
        return bindings;
    }

    private static BindingConfig decodeOne(ConfigBlock block) {
        String type = type(block);
        String hostname = blankToNull(block.string("hostname"));
        String port = block.string("port");
        if (port != null) {
            checkPort(block, port.trim(), hostname);
        }
        ConfigBlock certificateBlock = block.block("certificate");
        CertificateConfig certificate = certificateBlock == null ? null : certificate(certificateBlock);
        if ("https".equals(type) && certificateBlock == null) {
            block.reject("certificate", "required for an https binding; set " + SOURCES);
        }
        String ipAddress = blankToNull(block.string("ip_address"));
        return new BindingConfig(
                type,
                port == null ? null : port.trim(),
                hostname,
                ipAddress == null ? "*" : ipAddress,
                block.bool("require_sni", false),
                certificate);
    }

    private static String type(ConfigBlock block) {
        String text = block.string("type");
        if (text == null) {
            return null;
        }
        String type = text.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            block.reject("type", ConfigBlock.quote(text) + " is not allowed; use \"http\" or \"https\"");
            return null;
        }
        return type;
    }

    private static void checkPort(ConfigBlock block, String port, String hostname) {
        if (port.isEmpty()) {
            block.reject("port", "must not be empty; use a port label of the group's network block");
        } else if (port.chars().allMatch(Character::isDigit)) {
            if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                block.reject("port", ConfigBlock.quote(port) + " is not a port number from 1 to 65535");
            } else if (hostname == null) {
                block.reject(
                        "port",
                        "static port " + ConfigBlock.quote(port) + " is only allowed together with a "
                                + "hostname; use a port label of the group's network block instead");
            }
        }
    }

    private static CertificateConfig certificate(ConfigBlock block) {
        String thumbprint = thumbprint(block);
        String pfxFile = blankToNull(block.string("pfx_file"));
        String certFile = blankToNull(block.string("cert_file"));
        String keyFile = blankToNull(block.string("key_file"));
        boolean selfSigned = block.bool("use_self_signed", false);
        List<String> sources = new ArrayList<>();
        if (block.string("thumbprint") != null) {
            sources.add("thumbprint");
        }
        if (pfxFile != null) {
            sources.add("pfx_file");
        }
        if (certFile != null) {
            sources.add("cert_file");
        }
        if (selfSigned) {
            sources.add("use_self_signed");
        }
        if (sources.isEmpty() && keyFile == null) {
            block.rejectBlock("names no certificate source; set exactly one of " + SOURCES);
        } else if (sources.size() > 1) {
            block.rejectBlock("names " + sources.size() + " certificate sources (" + String.join(", ", sources)
                    + "); set exactly one of " + SOURCES);
        }
        if (certFile != null && keyFile == null) {
            block.reject("key_file", "required together with cert_file (a PEM PKCS#8 private key)");
        }
        if (keyFile != null && certFile == null) {
            block.reject("key_file", "only allowed together with cert_file");
        }
        return new CertificateConfig(thumbprint, pfxFile, block.string("password"), certFile, keyFile, selfSigned);
    }

    private static String thumbprint(ConfigBlock block) {
        String text = block.string("thumbprint");
        if (text == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(text.length());
        text.chars().filter(c -> Character.digit(c, 16) >= 0 && c < 0x80).forEach(c -> digits.append((char) c));
        String hex = digits.toString().toUpperCase(Locale.ROOT);
        if (hex.isEmpty()) {
            block.reject("thumbprint", ConfigBlock.quote(text) + " holds no hexadecimal digits");
            return null;
        }
        return hex;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
