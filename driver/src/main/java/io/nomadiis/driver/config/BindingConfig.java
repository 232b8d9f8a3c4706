package io.nomadiis.driver.config;

/**
 * A {@code binding} block.
 *
 * @param type {@code http} or {@code https} (lower case)
 * @param port a Nomad port label, or a numeric static port (only with a hostname)
 * @param hostname host header, or null
 * @param ipAddress {@code *} by default
 * @param requireSni SNI flag
 * @param certificate the certificate block (required for https), or null
 */
public record BindingConfig(
        String type,
        String port,
        String hostname,
        String ipAddress,
        boolean requireSni,
        CertificateConfig certificate) {}
