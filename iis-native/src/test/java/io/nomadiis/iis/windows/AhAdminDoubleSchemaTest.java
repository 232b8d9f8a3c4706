package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.IisException;
import org.junit.jupiter.api.Test;

/** The double refuses what AHADMIN refuses, with AHADMIN's HRESULT (schema facts from iis-schema-facts.json). */
class AhAdminDoubleSchemaTest {
    private final AhAdminDouble iis = new AhAdminDouble();

    private void write(AdminCalls.AdminTask<Void> change) throws IisException {
        iis.call("change", "", change);
    }

    private static AppHostElement newPool(AppHostAdmin admin, AppHostAdmin.Writable[] manager) {
        manager[0] = admin.writable();
        return manager[0].section(ConfigStep.POOLS).collection().createNew("add");
    }

    private void assertRefused(AdminCalls.AdminTask<Void> change, int hresult, String... words) {
        assertThatThrownBy(() -> write(change))
                .isInstanceOf(IisException.class)
                .hasMessageContaining(HResults.hex(hresult))
                .hasMessageContainingAll(words);
    }

    @Test
    void unknownAttributeOrElement_isInvalidArg() {
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1]).set("queueLenght", 100);
                    return null;
                },
                HResults.INVALID_ARG,
                "queueLenght");
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1]).child("processModell");
                    return null;
                },
                HResults.INVALID_ARG,
                "processModell");
    }

    @Test
    void wrongTypeEnumNameRangeAndGranularity_areInvalidArg() {
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1]).set("autoStart", "yes");
                    return null;
                },
                HResults.INVALID_ARG,
                "autoStart");
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1]).set("managedPipelineMode", "Modern");
                    return null;
                },
                HResults.INVALID_ARG,
                "Modern");
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1]).set("queueLength", 70000);
                    return null;
                },
                HResults.INVALID_ARG,
                "65535");
        assertRefused(
                admin -> {
                    newPool(admin, new AppHostAdmin.Writable[1])
                            .child("processModel")
                            .set("idleTimeout", "00:01:30");
                    return null;
                },
                HResults.INVALID_ARG,
                "multiple of 60");
    }

    @Test
    void emptyEnvironmentVariableValue_isInvalidArg() {
        assertRefused(
                admin -> {
                    AppHostElement variable = newPool(admin, new AppHostAdmin.Writable[1])
                            .child("environmentVariables")
                            .collection()
                            .createNew("add");
                    variable.set("name", "EMPTY");
                    variable.set("value", "");
                    return null;
                },
                HResults.INVALID_ARG,
                "value");
    }

    @Test
    void missingRequiredOrDuplicateKey_failsAddElement() throws IisException {
        assertRefused(
                admin -> {
                    AppHostAdmin.Writable w = admin.writable();
                    AppHostCollection pools = w.section(ConfigStep.POOLS).collection();
                    pools.add(pools.createNew("add"));
                    return null;
                },
                HResults.INVALID_ARG,
                "name");
        write(admin -> {
            AppHostAdmin.Writable w = admin.writable();
            AppHostCollection pools = w.section(ConfigStep.POOLS).collection();
            AppHostElement pool = pools.createNew("add");
            pool.set("name", "nomad-one");
            pools.add(pool);
            w.commit();
            return null;
        });
        assertRefused(
                admin -> {
                    AppHostAdmin.Writable w = admin.writable();
                    AppHostCollection pools = w.section(ConfigStep.POOLS).collection();
                    AppHostElement pool = pools.createNew("add");
                    pool.set("name", "NOMAD-ONE");
                    pools.add(pool);
                    return null;
                },
                HResults.ALREADY_EXISTS,
                "name");
    }

    @Test
    void writableManager_commitsNothingUntilCommitChanges() throws IisException {
        write(admin -> {
            AppHostAdmin.Writable w = admin.writable();
            AppHostCollection pools = w.section(ConfigStep.POOLS).collection();
            AppHostElement pool = pools.createNew("add");
            pool.set("name", "nomad-uncommitted");
            pools.add(pool);
            return null;
        });
        java.util.List<String> pools = iis.call("list", "", admin -> IisRuntime.keys(admin, ConfigStep.POOLS, "name"));
        assertThat(pools).isEmpty();
    }
}
