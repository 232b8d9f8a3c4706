package io.nomadiis.iis.windows;

import static java.util.Objects.requireNonNull;

import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.IisException;
import io.nomadiis.log.LogField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies {@code directory_security} ({@link AclPlanner}'s plan, the C# plugin's) through
 * {@link WindowsSecurityCalls}, and takes back exactly what it added.
 *
 * <p>Apply: every account of the plan is resolved first, retrying with backoff while the name is not
 * mapped yet (WAS creates a new pool's {@code IIS AppPool\<pool>} account shortly after the commit, the
 * C# plugin's GH-43), for at most {@code resolveTimeout}; then each existing folder's DACL is read, locked
 * down by {@link AccessControlList#lockDown} (inherited entries copied in as explicit ones, {@code Users}
 * and {@code Authenticated Users} removed, the grants added) and written back protected. The entries this
 * call added (not present before) are remembered per task.
 *
 * <p>Release: removes the remembered entries from each folder and nothing else; the protection flag and
 * every other entry stay. When nothing is remembered (the plugin restarted since the apply) it removes
 * only the entries of the task's own {@code IIS AppPool\<pool>} accounts, which nobody else can have
 * granted before the task created the pool; entries of shared accounts ({@code IUSR}, built-in or
 * configured users) then stay.
 *
 * <p>Called by the StartTask thread (apply) and the StopTask/DestroyTask threads (release); never by an
 * event loop. Thread-safe: the remembered entries live in a concurrent map.
 */
public final class DirectorySecurity {
    private static final System.Logger LOG = System.getLogger(DirectorySecurity.class.getName());
    private static final String APP_POOL_ACCOUNT = "IIS AppPool\\";

    private final WindowsSecurityCalls calls;
    private final Duration resolveTimeout;
    private final Duration firstBackoff;
    private final Map<String, List<Added>> added = new ConcurrentHashMap<>();

    /**
     * @param calls the Windows security calls
     * @param resolveTimeout how long to wait for an account name to become resolvable
     * @param firstBackoff the first wait between lookups; doubled up to 2 s
     */
    public DirectorySecurity(WindowsSecurityCalls calls, Duration resolveTimeout, Duration firstBackoff) {
        this.calls = requireNonNull(calls, "calls");
        this.resolveTimeout = requireNonNull(resolveTimeout, "resolveTimeout");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff");
    }

    /** On this Windows machine: advapi32, waiting up to 30 s for a new pool's account. */
    static DirectorySecurity local() {
        return new DirectorySecurity(new Advapi32SecurityCalls(), Duration.ofSeconds(30), Duration.ofMillis(250));
    }

    /** The entries one apply added to one folder. */
    private record Added(Path folder, List<AccessControlList.Ace> entries) {}

    /**
     * Applies the task's plan.
     *
     * @throws IisException naming the account or folder that failed; folders before it keep their new rules
     */
    public void apply(DirectoryLockdown lockdown) throws IisException {
        List<AclPlan> plans =
                AclPlanner.plan(lockdown.allocDir(), lockdown.taskName(), lockdown.pools(), lockdown.permitIusr());
        Set<String> identities = new LinkedHashSet<>();
        plans.forEach(p -> p.grants().forEach(g -> identities.add(g.identity())));
        Map<String, String> sids = new LinkedHashMap<>();
        for (String identity : identities) {
            sids.put(identity, resolve(identity));
        }
        List<Added> record = new ArrayList<>();
        String key = key(lockdown.allocDir(), lockdown.taskName());
        added.put(key, record);
        for (AclPlan plan : plans) {
            if (!Files.isDirectory(plan.folder())) {
                continue;
            }
            List<AccessControlList.Ace> grants = new ArrayList<>();
            for (AclPlan.Grant grant : plan.grants()) {
                grants.add(AccessControlList.grant(grant.rights(), sids.get(grant.identity())));
            }
            try {
                AccessControlList before = calls.readDacl(plan.folder()).acl();
                AccessControlList locked = before.lockDown(new HashSet<>(plan.removeIdentities()), grants);
                List<AccessControlList.Ace> explicitBefore = before.entries().stream()
                        .map(a -> a.withFlags(a.flags() & ~AccessControlList.INHERITED))
                        .toList();
                List<AccessControlList.Ace> ours = grants.stream()
                        .filter(g -> !explicitBefore.contains(g))
                        .distinct()
                        .toList();
                calls.writeDacl(plan.folder(), locked, true);
                synchronized (record) {
                    record.add(new Added(plan.folder(), ours));
                }
            } catch (WindowsSecurityCalls.Win32CallException e) {
                throw failure("lock down folder " + plan.folder(), e);
            }
        }
    }

    /**
     * Removes what {@link #apply} added for the task (see the class comment for a task applied before a
     * plugin restart).
     *
     * @throws IisException naming the folder that failed
     */
    public void release(DirectoryRelease release) throws IisException {
        List<Added> record = added.remove(key(release.allocDir(), release.taskName()));
        if (record != null) {
            List<Added> copy;
            synchronized (record) {
                copy = List.copyOf(record);
            }
            for (Added entry : copy) {
                remove(entry.folder(), ace -> entry.entries().contains(ace));
            }
            return;
        }
        Set<String> poolSids = new HashSet<>();
        for (String pool : release.poolNames()) {
            try {
                poolSids.add(calls.accountSid(APP_POOL_ACCOUNT + pool));
            } catch (WindowsSecurityCalls.Win32CallException e) {
                // the pool's account is gone or was never created: no entry of it can be identified
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "the app pool's account is not resolvable",
                        LogField.pool(pool),
                        LogField.error(e.getMessage()));
            }
        }
        if (poolSids.isEmpty()) {
            return;
        }
        for (AclPlan plan : AclPlanner.plan(release.allocDir(), release.taskName(), List.of(), false)) {
            remove(
                    plan.folder(),
                    ace -> ace.simple()
                            && (ace.flags() & AccessControlList.INHERITED) == 0
                            && poolSids.contains(ace.sid()));
        }
    }

    private void remove(Path folder, java.util.function.Predicate<AccessControlList.Ace> ours) throws IisException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            WindowsSecurityCalls.FolderDacl dacl = calls.readDacl(folder);
            List<AccessControlList.Ace> kept = new ArrayList<>();
            for (AccessControlList.Ace ace : dacl.acl().entries()) {
                if (!ours.test(ace)) {
                    kept.add(ace);
                }
            }
            if (kept.size() == dacl.acl().entries().size()) {
                return;
            }
            // inherited entries are recomputed by Windows from the parent when the DACL is written
            kept.removeIf(a -> (a.flags() & AccessControlList.INHERITED) != 0 && !dacl.protectedDacl());
            calls.writeDacl(folder, new AccessControlList(dacl.acl().revision(), kept), dacl.protectedDacl());
        } catch (WindowsSecurityCalls.Win32CallException e) {
            throw failure("remove the task's access entries from folder " + folder, e);
        }
    }

    private String resolve(String identity) throws IisException {
        if (Sids.isSid(identity)) {
            return identity;
        }
        long deadline = System.nanoTime() + resolveTimeout.toNanos();
        long backoff = Math.max(1, firstBackoff.toMillis());
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return calls.accountSid(identity);
            } catch (WindowsSecurityCalls.Win32CallException e) {
                if (e.error() != WindowsSecurityCalls.ERROR_NONE_MAPPED) {
                    throw failure("resolve account \"" + identity + "\"", e);
                }
                if (System.nanoTime() + backoff * 1_000_000 > deadline) {
                    throw new IisException(
                            "account \"" + identity + "\" could not be resolved after " + attempts + " attempts in "
                                    + resolveTimeout.toSeconds() + " s (ERROR_NONE_MAPPED"
                                    + (identity.startsWith(APP_POOL_ACCOUNT)
                                            ? ": WAS has not created the pool's identity yet)"
                                            : ": no such account)"),
                            true,
                            e);
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IisException("interrupted while resolving account \"" + identity + "\"", true, e);
            }
            backoff = Math.min(backoff * 2, 2000);
        }
    }

    private static String key(Path allocDir, String taskName) {
        return allocDir.toAbsolutePath().normalize() + "|" + taskName;
    }

    private static IisException failure(String operation, WindowsSecurityCalls.Win32CallException e) {
        return new IisException(
                "directory_security: cannot " + operation + ": " + e.getMessage() + " ("
                        + ComFailure.hex(0x80070000 | (e.error() & 0xFFFF)) + ")",
                false,
                e);
    }
}
