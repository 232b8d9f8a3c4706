package io.nomadiis.iis.portable;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.IisHostContractTest;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.nomadiis.iis.portable.PortableTestSupport.awaitServiceGone;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@link IisHost} contract against the portable host. */
class PortableIisHostContractTest extends IisHostContractTest {
    @Override
    protected IisHost createHost(Path stateDir) {
        return new PortableIisHost(stateDir);
    }

    @Override
    protected void assertHostLeftNothing(Path stateDir) {
        StateLayout layout = new StateLayout(stateDir);
        awaitServiceGone(stateDir);
        assertThat(layout.configFile()).doesNotExist();
        assertThat(layout.serviceInfoFile()).doesNotExist();
        assertThat(layout.lockFile()).doesNotExist();
        assertThat(Files.exists(layout.poolsDir())).isFalse();
    }
}
