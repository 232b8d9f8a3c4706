package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.WebsiteDeployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IisDeploymentCheckTest {
    @TempDir
    Path temp;

    private static AppPoolSpec pool(String name) {
        return new AppPoolSpec(name, null, null, null, PoolSettings.none(), Map.of(), List.of(), null, null);
    }

    private WebsiteDeployment owned(Path folder, List<BindingSpec> bindings, VirtualDirectorySpec... vdirs) {
        return new WebsiteDeployment(
                List.of(pool("nomad-1-web")),
                new SiteSpec(
                        "nomad-1-web",
                        bindings,
                        List.of(new ApplicationSpec(
                                "/", folder, "nomad-1-web", null, null, null, List.of(vdirs), List.of())),
                        "nomad-1-web"),
                true,
                List.of());
    }

    @Test
    void check_freshNamesAndExistingFolders_passes() {
        assertThatCode(() -> IisDeploymentCheck.check(
                        owned(temp, List.of(new BindingSpec("http", "*", 80, "", false, null))),
                        List.of("DefaultAppPool"),
                        List.of("Default Web Site"),
                        List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void check_poolNameTaken_failsNamingThePool() {
        assertThatThrownBy(() ->
                        IisDeploymentCheck.check(owned(temp, List.of()), List.of("NOMAD-1-WEB"), List.of(), List.of()))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("app pool \"nomad-1-web\"")
                .hasMessageContaining("already exists");
    }

    @Test
    void check_siteNameTaken_failsNamingTheSite() {
        assertThatThrownBy(() ->
                        IisDeploymentCheck.check(owned(temp, List.of()), List.of(), List.of("nomad-1-web"), List.of()))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("site \"nomad-1-web\"");
    }

    @Test
    void check_missingFolders_failNamingTheFolder() {
        Path missing = temp.resolve("does-not-exist");
        assertThatThrownBy(() -> IisDeploymentCheck.check(owned(missing, List.of()), List.of(), List.of(), List.of()))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("does-not-exist")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> IisDeploymentCheck.check(
                        owned(temp, List.of(), new VirtualDirectorySpec("/media", missing, List.of())),
                        List.of(),
                        List.of(),
                        List.of()))
                .hasMessageContaining("virtual directory \"//media\"")
                .hasMessageContaining("does-not-exist");
    }

    @Test
    void check_httpsWithoutThumbprint_fails() {
        assertThatThrownBy(() -> IisDeploymentCheck.check(
                        owned(temp, List.of(new BindingSpec("https", "*", 443, "", false, null))),
                        List.of(),
                        List.of(),
                        List.of()))
                .hasMessageContaining("*:443:")
                .hasMessageContaining("no certificate");
    }

    @Test
    void check_foreignSite_mustExistAndPathMustBeFree() {
        WebsiteDeployment guest = new WebsiteDeployment(
                List.of(pool("g")),
                new SiteSpec(
                        "Default Web Site",
                        List.of(),
                        List.of(new ApplicationSpec("/api", temp, "g", null, null, null, List.of(), List.of())),
                        "g"),
                false,
                List.of());
        assertThatThrownBy(() -> IisDeploymentCheck.check(guest, List.of(), List.of(), List.of()))
                .hasMessageContaining("\"Default Web Site\"")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() ->
                        IisDeploymentCheck.check(guest, List.of(), List.of("Default Web Site"), List.of("/", "/API")))
                .hasMessageContaining("\"/api\"")
                .hasMessageContaining("already exists");
        assertThatCode(() -> IisDeploymentCheck.check(guest, List.of(), List.of("default web site"), List.of("/")))
                .doesNotThrowAnyException();
    }
}
