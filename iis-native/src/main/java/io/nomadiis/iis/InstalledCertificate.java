package io.nomadiis.iis;

/**
 * A certificate in the host's store.
 *
 * @param thumbprint upper-case hex SHA-1 thumbprint
 * @param managed whether the driver installed it (friendly name prefixed {@code [MBN]}) and may remove it
 */
public record InstalledCertificate(String thumbprint, boolean managed) {}
