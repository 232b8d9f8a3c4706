package io.nomadiis.iis.windows;

/** Friendly-name rules for certificates in LocalMachine\My. */
public final class CertificateNames {
    /** Prefix of the friendly name of certificates the driver installed and may remove ("Managed By Nomad"). */
    public static final String MANAGED_PREFIX = "[MBN] ";

    private CertificateNames() {}

    /** Whether a certificate with this friendly name was installed by the driver. */
    public static boolean managed(String friendlyName) {
        return friendlyName != null && friendlyName.startsWith(MANAGED_PREFIX.strip());
    }
}
