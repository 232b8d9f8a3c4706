package io.nomadiis.iis.windows;

import io.nomadiis.iis.AppPoolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The folder lock-down of {@code directory_security = true}, as a plan: which folders of the allocation
 * get which rights for which identities. The identities are those of every pool of the task.
 *
 * <p>{@link DirectorySecurity#apply} applies a plan on Windows, after the deploy
 * ({@link io.nomadiis.iis.IisHost#lockDownDirectories}).
 */
public final class AclPlanner {
    /** Built-in accounts (as SIDs: names are localised) whose entries are removed from every locked-down folder. */
    public static final List<String> REMOVED = List.of(Sids.USERS, Sids.AUTHENTICATED_USERS);
    /** The anonymous-authentication account, granted on {@code local} with {@code permit_iusr}. */
    public static final String IUSR = Sids.IUSR;

    private AclPlanner() {}

    /**
     * The account a pool's worker runs as: {@code IIS AppPool\<pool>}, the configured user, or the SID of
     * a built-in account (built-in names are localised, SIDs are not).
     */
    public static String identity(AppPoolSpec pool) {
        return switch (pool.identity() == null
                ? io.nomadiis.iis.PoolIdentity.APPLICATION_POOL_IDENTITY
                : pool.identity()) {
            case APPLICATION_POOL_IDENTITY -> "IIS AppPool\\" + pool.name();
            case LOCAL_SYSTEM -> Sids.LOCAL_SYSTEM;
            case LOCAL_SERVICE -> Sids.LOCAL_SERVICE;
            case NETWORK_SERVICE -> Sids.NETWORK_SERVICE;
            case SPECIFIC_USER -> pool.username();
        };
    }

    /**
     * The plan for one task.
     *
     * @param allocDir the allocation folder ({@code alloc/}, {@code <task>/} are below it)
     * @param taskName the task, whose folder is {@code <allocDir>/<taskName>}
     * @param pools the task's pools
     * @param permitIusr whether {@code IUSR} may read and write the task's {@code local} folder
     */
    public static List<AclPlan> plan(Path allocDir, String taskName, List<AppPoolSpec> pools, boolean permitIusr) {
        Set<String> identities = new LinkedHashSet<>();
        pools.forEach(p -> identities.add(identity(p)));
        List<AclPlan.Grant> full = grants(identities, AclPlan.Rights.FULL_CONTROL);
        Path alloc = allocDir.resolve("alloc");
        Path task = allocDir.resolve(taskName);
        List<AclPlan.Grant> local = new ArrayList<>(full);
        if (permitIusr) {
            local.add(new AclPlan.Grant(IUSR, AclPlan.Rights.FULL_CONTROL));
        }
        return List.of(
                new AclPlan(alloc, REMOVED, List.of()),
                new AclPlan(alloc.resolve("data"), REMOVED, full),
                new AclPlan(alloc.resolve("logs"), REMOVED, full),
                new AclPlan(alloc.resolve("tmp"), REMOVED, full),
                new AclPlan(task.resolve("local"), REMOVED, local),
                new AclPlan(task.resolve("secrets"), REMOVED, grants(identities, AclPlan.Rights.READ_FILES_ONLY)),
                new AclPlan(task.resolve("tmp"), REMOVED, full),
                new AclPlan(task.resolve("private"), REMOVED, List.of()));
    }

    private static List<AclPlan.Grant> grants(Set<String> identities, AclPlan.Rights rights) {
        return identities.stream().map(i -> new AclPlan.Grant(i, rights)).toList();
    }
}
