package io.nomadiis.driver.config;

/**
 * The agent's {@code procdump { }} block.
 *
 * @param binaryPath path of {@code procdump.exe}
 * @param acceptEula whether {@code -accepteula} may be passed
 */
public record ProcdumpConfig(String binaryPath, boolean acceptEula) {}
