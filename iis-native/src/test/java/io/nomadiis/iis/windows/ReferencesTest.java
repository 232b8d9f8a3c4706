package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.WebsiteRemoval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    private static final List<References.ProviderReference> REFS = List.of(
            new References.ProviderReference("nomad-1-web", "/", "warmup"),
            new References.ProviderReference("Default Web Site", "/api", "Shared"),
            new References.ProviderReference("Default Web Site", "/mine", "mine"),
            new References.ProviderReference("Default Web Site", "/", ""));

    @Test
    void remainingProviders_ownedSite_ignoresTheSitesOwnApplications() {
        WebsiteRemoval removal =
                new WebsiteRemoval("NOMAD-1-web", true, List.of(), List.of(), List.of("warmup"), List.of());
        assertThat(References.remainingProviders(REFS, removal)).containsExactly("Shared", "mine");
    }

    @Test
    void remainingProviders_foreignSite_ignoresOnlyTheRemovedApplications() {
        WebsiteRemoval removal =
                new WebsiteRemoval("Default Web Site", false, List.of("/MINE"), List.of(), List.of("mine"), List.of());
        assertThat(References.remainingProviders(REFS, removal)).containsExactly("warmup", "Shared");
    }

    @Test
    void unreferencedProviders_comparesCaseInsensitively() {
        assertThat(References.unreferencedProviders(List.of("shared", "warmup", "warmup"), List.of("SHARED", "")))
                .containsExactly("warmup");
    }

    @Test
    void unusedCertificates_keepsThoseStillBoundAnywhere() {
        assertThat(References.unusedCertificates(List.of("aa bb", "CCDD", ""), List.of("AABB", "")))
                .containsExactly("CCDD");
    }
}
