package io.nomadiis.iis;

/**
 * An entry of {@code system.applicationHost/serviceAutoStartProviders}.
 *
 * @param name provider name
 * @param type managed type implementing {@code IProcessHostPreloadClient}
 */
public record AutoStartProviderSpec(String name, String type) {}
