package io.nomadiis.driver.task.plan;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;

/**
 * A binding with its port resolved and, for https, the certificate still to install.
 *
 * @param binding the binding, without a thumbprint yet
 * @param certificate where the certificate comes from (paths resolved), or null for http
 */
public record PlannedBinding(BindingSpec binding, CertificateSpec certificate) {

    /** The binding bound to the installed certificate's thumbprint. */
    public BindingSpec withThumbprint(String thumbprint) {
        return new BindingSpec(
                binding.protocol(),
                binding.ipAddress(),
                binding.port(),
                binding.hostname(),
                binding.requireSni(),
                thumbprint);
    }
}
