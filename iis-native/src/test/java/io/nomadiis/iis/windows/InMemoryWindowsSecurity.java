package io.nomadiis.iis.windows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A double of the Windows security model behind {@link WindowsSecurityCalls}, holding what Windows holds.
 * Each modelled behaviour names its source:
 *
 * <ul>
 *   <li>Account names resolve case-insensitively to SIDs; an unknown name fails with
 *       {@code ERROR_NONE_MAPPED} (1332) — {@code LookupAccountName} documentation (learn.microsoft.com,
 *       winbase.h) and "Well-known SIDs" for the built-in accounts.
 *   <li>{@code IIS AppPool\<pool>} is not resolvable right after the commit that created the pool: it
 *       becomes resolvable once WAS has created the pool's virtual account; here after a set number of
 *       failed lookups, or when the test says WAS knows it — the C# plugin's IisTaskHandle
 *       ({@code SetupDirectoryPermissions}, GH-43: {@code IdentityNotMappedException} right after the
 *       deploy) and "Application Pool Identities" (learn.microsoft.com/iis/manage/configuring-security).
 *       Deleting the pool makes the name unresolvable again.
 *   <li>A folder's DACL is its explicit entries plus, unless the DACL is protected, the inheritable
 *       entries of its parent's DACL, flagged {@code INHERITED_ACE}: a {@code CONTAINER_INHERIT} entry
 *       applies to the sub-folder (without {@code INHERIT_ONLY}); an {@code OBJECT_INHERIT}-only entry is
 *       carried to the sub-folder as inherit-only for its files; {@code NO_PROPAGATE_INHERIT} entries stop
 *       there — "ACE Inheritance Rules" and "Automatic Propagation of Inheritable ACEs"
 *       (learn.microsoft.com/windows/win32/secauthz).
 *   <li>{@code SetNamedSecurityInfo} with {@code PROTECTED_DACL_SECURITY_INFORMATION} stops inheritance;
 *       with {@code UNPROTECTED_DACL_SECURITY_INFORMATION} the parent's entries flow in again; entries
 *       flagged {@code INHERITED_ACE} in the supplied list are not stored as explicit ones (Windows
 *       recomputes inheritance) — {@code SetNamedSecurityInfo} and {@code SECURITY_INFORMATION}
 *       documentation. A folder that does not exist fails with {@code ERROR_FILE_NOT_FOUND}.
 * </ul>
 *
 * Folders are known by path; a path that was never written inherits from its nearest known ancestor.
 */
final class InMemoryWindowsSecurity implements WindowsSecurityCalls {
    private static final String APP_POOL = "iis apppool\\";

    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, Integer> poolsPendingLookups = new HashMap<>();
    private final Set<String> knownPools = new HashSet<>();
    private final Map<Path, Folder> folders = new HashMap<>();
    private final Set<Path> missing = new HashSet<>();
    private final AtomicInteger failedLookups = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger poolSidCounter = new AtomicInteger(1000);
    private java.util.function.Predicate<String> wasKnows;

    private record Folder(List<AccessControlList.Ace> explicit, boolean protectedDacl) {}

    InMemoryWindowsSecurity() {
        account("NT AUTHORITY\\SYSTEM", Sids.LOCAL_SYSTEM);
        account("NT AUTHORITY\\LOCAL SERVICE", Sids.LOCAL_SERVICE);
        account("NT AUTHORITY\\NETWORK SERVICE", Sids.NETWORK_SERVICE);
        account("BUILTIN\\Users", Sids.USERS);
        account("NT AUTHORITY\\Authenticated Users", Sids.AUTHENTICATED_USERS);
        account("BUILTIN\\Administrators", ADMINISTRATORS);
        account("IUSR", Sids.IUSR);
    }

    /** {@code BUILTIN\Administrators}. */
    static final String ADMINISTRATORS = "S-1-5-32-544";

    /** Adds a local or domain account. */
    synchronized InMemoryWindowsSecurity account(String name, String sid) {
        accounts.put(name.toLowerCase(Locale.ROOT), sid);
        return this;
    }

    /**
     * A pool was committed: its {@code IIS AppPool\<pool>} account resolves only after {@code failures}
     * failed lookups (WAS creating the virtual account).
     */
    synchronized InMemoryWindowsSecurity poolCommitted(String pool, int failures) {
        knownPools.remove(pool.toLowerCase(Locale.ROOT));
        poolsPendingLookups.put(pool.toLowerCase(Locale.ROOT), failures);
        return this;
    }

    /**
     * Ties the pools' accounts to a model of WAS: {@code IIS AppPool\<pool>} resolves exactly while
     * {@code wasKnows} says WAS has the pool loaded (used with {@link AhAdminDouble}).
     */
    synchronized InMemoryWindowsSecurity wasKnows(java.util.function.Predicate<String> known) {
        this.wasKnows = known;
        return this;
    }

    /** The pool was deleted: its account no longer resolves. */
    synchronized void poolDeleted(String pool) {
        knownPools.remove(pool.toLowerCase(Locale.ROOT));
        poolsPendingLookups.remove(pool.toLowerCase(Locale.ROOT));
    }

    /** The SID a pool's virtual account has once WAS knows the pool (stable per pool name). */
    synchronized String poolSid(String pool) {
        return accounts.computeIfAbsent(
                APP_POOL + pool.toLowerCase(Locale.ROOT),
                n -> "S-1-5-82-" + poolSidCounter.incrementAndGet() + "-1-2-3-4");
    }

    /** Sets a folder's explicit entries and protection, as an administrator (or Nomad's data dir) left it. */
    synchronized void folder(Path folder, boolean protectedDacl, AccessControlList.Ace... explicit) {
        folders.put(key(folder), new Folder(List.of(explicit), protectedDacl));
    }

    /** The folder no longer exists for the security calls. */
    synchronized void remove(Path folder) {
        missing.add(key(folder));
    }

    int failedLookups() {
        return failedLookups.get();
    }

    int writes() {
        return writes.get();
    }

    @Override
    public synchronized String accountSid(String accountName) throws Win32CallException {
        String name = accountName.toLowerCase(Locale.ROOT);
        if (name.startsWith(APP_POOL) && wasKnows != null) {
            String pool = accountName.substring(APP_POOL.length());
            if (!wasKnows.test(pool)) {
                failedLookups.incrementAndGet();
                throw new Win32CallException("LookupAccountName(\"" + accountName + "\")", ERROR_NONE_MAPPED);
            }
            return poolSid(pool);
        }
        if (name.startsWith(APP_POOL)) {
            String pool = name.substring(APP_POOL.length());
            if (!knownPools.contains(pool)) {
                Integer pending = poolsPendingLookups.get(pool);
                if (pending == null || pending > 0) {
                    if (pending != null) {
                        poolsPendingLookups.put(pool, pending - 1);
                    }
                    failedLookups.incrementAndGet();
                    throw new Win32CallException("LookupAccountName(\"" + accountName + "\")", ERROR_NONE_MAPPED);
                }
                knownPools.add(pool);
            }
            return poolSid(pool);
        }
        String sid = accounts.get(name);
        if (sid == null) {
            failedLookups.incrementAndGet();
            throw new Win32CallException("LookupAccountName(\"" + accountName + "\")", ERROR_NONE_MAPPED);
        }
        return sid;
    }

    @Override
    public synchronized FolderDacl readDacl(Path folder) throws Win32CallException {
        Path key = key(folder);
        if (missing.contains(key)) {
            throw new Win32CallException("GetNamedSecurityInfo(" + folder + ")", ERROR_FILE_NOT_FOUND);
        }
        Folder stored = folders.get(key);
        boolean protectedDacl = stored != null && stored.protectedDacl();
        List<AccessControlList.Ace> entries = new ArrayList<>(stored == null ? List.of() : stored.explicit());
        if (!protectedDacl && key.getParent() != null) {
            entries.addAll(inheritedFrom(readDacl(key.getParent()).acl()));
        }
        return new FolderDacl(new AccessControlList(2, entries), protectedDacl);
    }

    @Override
    public synchronized void writeDacl(Path folder, AccessControlList acl, boolean protectedDacl)
            throws Win32CallException {
        Path key = key(folder);
        if (missing.contains(key)) {
            throw new Win32CallException("SetNamedSecurityInfo(" + folder + ")", ERROR_FILE_NOT_FOUND);
        }
        List<AccessControlList.Ace> explicit = acl.entries().stream()
                .filter(a -> (a.flags() & AccessControlList.INHERITED) == 0)
                .toList();
        folders.put(key, new Folder(explicit, protectedDacl));
        writes.incrementAndGet();
    }

    /** The explicit entries stored for the folder (what an administrator sees as not inherited). */
    synchronized List<AccessControlList.Ace> explicit(Path folder) {
        Folder stored = folders.get(key(folder));
        return stored == null ? List.of() : stored.explicit();
    }

    /** Whether the folder's DACL is protected. */
    synchronized boolean isProtected(Path folder) {
        Folder stored = folders.get(key(folder));
        return stored != null && stored.protectedDacl();
    }

    private static List<AccessControlList.Ace> inheritedFrom(AccessControlList parent) {
        int noPropagate = 0x04;
        List<AccessControlList.Ace> result = new ArrayList<>();
        for (AccessControlList.Ace ace : parent.entries()) {
            int flags = ace.flags();
            boolean container = (flags & AccessControlList.CONTAINER_INHERIT) != 0;
            boolean object = (flags & AccessControlList.OBJECT_INHERIT) != 0;
            if (!container && !object) {
                continue;
            }
            int inherited;
            if ((flags & noPropagate) != 0) {
                if (!container) {
                    continue;
                }
                inherited = AccessControlList.INHERITED;
            } else if (container) {
                inherited = (flags & (AccessControlList.CONTAINER_INHERIT | AccessControlList.OBJECT_INHERIT))
                        | AccessControlList.INHERITED;
            } else {
                inherited =
                        AccessControlList.OBJECT_INHERIT | AccessControlList.INHERIT_ONLY | AccessControlList.INHERITED;
            }
            result.add(ace.withFlags(inherited));
        }
        return result;
    }

    private static Path key(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
