package io.nomadiis.driver.config;

/**
 * A {@code service_auto_start_provider} block.
 *
 * @param name provider name
 * @param type managed type {@code Namespace.Class, Assembly}
 */
public record AutoStartProviderConfig(String name, String type) {}
