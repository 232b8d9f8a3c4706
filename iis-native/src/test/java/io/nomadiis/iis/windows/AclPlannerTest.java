package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclPlannerTest {
    private static AppPoolSpec pool(String name, PoolIdentity identity, String user) {
        return new AppPoolSpec(name, identity, user, null, PoolSettings.none(), Map.of(), List.of(), null, null);
    }

    @Test
    void identity_eachPoolIdentity_mapsToItsAccount() {
        assertThat(AclPlanner.identity(pool("nomad-1-web", PoolIdentity.APPLICATION_POOL_IDENTITY, null)))
                .isEqualTo("IIS AppPool\\nomad-1-web");
        assertThat(AclPlanner.identity(pool("p", null, null))).isEqualTo("IIS AppPool\\p");
        assertThat(AclPlanner.identity(pool("p", PoolIdentity.LOCAL_SYSTEM, null)))
                .isEqualTo("S-1-5-18");
        assertThat(AclPlanner.identity(pool("p", PoolIdentity.LOCAL_SERVICE, null)))
                .isEqualTo("S-1-5-19");
        assertThat(AclPlanner.identity(pool("p", PoolIdentity.NETWORK_SERVICE, null)))
                .isEqualTo("S-1-5-20");
        assertThat(AclPlanner.identity(pool("p", PoolIdentity.SPECIFIC_USER, "CORP\\svc$")))
                .isEqualTo("CORP\\svc$");
    }

    @Test
    void plan_twoPoolsWithIusr_grantsPerFolderAsDocumented() {
        Path alloc = Path.of("alloc-1");
        List<AclPlan> plan = AclPlanner.plan(
                alloc,
                "web",
                List.of(
                        pool("a", PoolIdentity.APPLICATION_POOL_IDENTITY, null),
                        pool("b", PoolIdentity.NETWORK_SERVICE, null)),
                true);

        assertThat(plan)
                .extracting(AclPlan::folder)
                .containsExactly(
                        alloc.resolve("alloc"),
                        alloc.resolve("alloc/data"),
                        alloc.resolve("alloc/logs"),
                        alloc.resolve("alloc/tmp"),
                        alloc.resolve("web/local"),
                        alloc.resolve("web/secrets"),
                        alloc.resolve("web/tmp"),
                        alloc.resolve("web/private"));
        assertThat(plan).allSatisfy(p -> assertThat(p.removeIdentities()).containsExactly("S-1-5-32-545", "S-1-5-11"));
        assertThat(plan.get(0).grants()).isEmpty();
        assertThat(plan.get(7).grants()).isEmpty();
        AclPlan.Grant a = new AclPlan.Grant("IIS AppPool\\a", AclPlan.Rights.FULL_CONTROL);
        AclPlan.Grant b = new AclPlan.Grant("S-1-5-20", AclPlan.Rights.FULL_CONTROL);
        assertThat(plan.get(1).grants()).containsExactly(a, b);
        assertThat(plan.get(4).grants())
                .containsExactly(a, b, new AclPlan.Grant("S-1-5-17", AclPlan.Rights.FULL_CONTROL));
        assertThat(plan.get(5).grants())
                .containsExactly(
                        new AclPlan.Grant("IIS AppPool\\a", AclPlan.Rights.READ_FILES_ONLY),
                        new AclPlan.Grant("S-1-5-20", AclPlan.Rights.READ_FILES_ONLY));
        assertThat(plan.get(6).grants()).containsExactly(a, b);
    }

    @Test
    void plan_withoutIusr_localGrantsOnlyThePools() {
        List<AclPlan> plan = AclPlanner.plan(Path.of("x"), "t", List.of(pool("a", null, null)), false);
        assertThat(plan.get(4).grants()).extracting(AclPlan.Grant::identity).containsExactly("IIS AppPool\\a");
    }
}
