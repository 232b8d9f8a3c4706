package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.InstalledCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The certificate decisions above crypt32, and the http.sys registration decisions, in plain Java. */
class ManagedCertificatesTest {
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final ManagedCertificates certificates = new ManagedCertificates(store);

    @Test
    void selfSigned_isImportedMarked_reinstallReusesIt_andRemovalDeletesItsKey() throws IisException {
        InstalledCertificate first = certificates.install(new CertificateSpec(null, null, null, null, null, true, ""));
        assertThat(first.managed()).isTrue();
        assertThat(store.friendlyName(first.thumbprint())).startsWith("[MBN]");

        certificates.removeManaged(first.thumbprint());

        assertThat(certificates.exists(first.thumbprint())).isFalse();
        assertThat(store.keyDeletes(first.thumbprint())).isEqualTo(1);
    }

    @Test
    void foreignCertificate_isUsedButNeverDeleted() throws IisException {
        String thumbprint = "CC00000000000000000000000000000000000003";
        store.putForeign(thumbprint, "corporate wildcard");

        InstalledCertificate found =
                certificates.install(new CertificateSpec(thumbprint, null, null, null, null, false, null));
        certificates.removeManaged(thumbprint);

        assertThat(found.managed()).isFalse();
        assertThat(certificates.exists(thumbprint)).isTrue();
        assertThat(store.keyDeletes(thumbprint)).isZero();
    }

    @Test
    void thumbprintNotInTheStore_failsNamingIt() {
        assertThatThrownBy(() -> certificates.install(new CertificateSpec(
                        "dd00000000000000000000000000000000000004", null, null, null, null, false, null)))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("DD00000000000000000000000000000000000004");
    }

    @Test
    void registrationDecisions_followTheKeyAndItsOwners() {
        String mine = "AA00000000000000000000000000000000000001";
        String theirs = "BB00000000000000000000000000000000000002";
        List<HttpsBinding> other = List.of(new HttpsBinding("other", "*:443:", 0, theirs));

        assertThat(HttpsRegistrations.decide("me", "0.0.0.0:443", mine, List.of()))
                .isInstanceOf(HttpsRegistrations.Decision.Add.class);
        assertThat(HttpsRegistrations.decide("me", "0.0.0.0:443", mine, other))
                .isEqualTo(new HttpsRegistrations.Decision.Conflict(java.util.Set.of("other"), theirs));
        assertThat(HttpsRegistrations.decide("me", "0.0.0.0:443", theirs, other))
                .isInstanceOf(HttpsRegistrations.Decision.Keep.class);
        assertThat(HttpsRegistrations.decide(
                        "me", "0.0.0.0:443", mine, List.of(new HttpsBinding("me", "*:443:", 0, theirs))))
                .isInstanceOf(HttpsRegistrations.Decision.Replace.class);
        assertThat(HttpsBinding.registrationKey("*:443:a.test", Bindings.SSL_FLAG_SNI))
                .isEqualTo("a.test:443");
        assertThat(HttpsBinding.registrationKey("10.0.0.1:443:a.test", 0)).isEqualTo("10.0.0.1:443");
    }
}
