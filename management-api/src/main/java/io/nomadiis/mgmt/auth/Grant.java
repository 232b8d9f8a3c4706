package io.nomadiis.mgmt.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an authenticated caller may reach: the namespaces, jobs and allocations it names (each
 * claim one value or several; {@code *} is every one) and a set of capabilities. A claim the
 * token left out reaches nothing, as in the C# plugin, whose check asks for a claim equal to the
 * task's value or {@code *}.
 *
 * @param subject who the caller is, for log lines (never the credential itself)
 * @param namespaces namespace values of the grant (empty when the token named none)
 * @param jobNames job name values (empty when the token named none)
 * @param allocIds allocation id values (empty when the token named none)
 * @param capabilities granted capabilities
 */
public record Grant(
        String subject,
        Set<String> namespaces,
        Set<String> jobNames,
        Set<String> allocIds,
        Set<Capability> capabilities) {

    public static final String ANY = "*";

    public Grant {
        namespaces = Set.copyOf(namespaces);
        jobNames = Set.copyOf(jobNames);
        allocIds = Set.copyOf(allocIds);
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Everything everywhere (API key, or anonymous mode). */
    public static Grant all(String subject) {
        return new Grant(subject, Set.of(ANY), Set.of(ANY), Set.of(ANY), EnumSet.allOf(Capability.class));
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Whether the grant may reach a task of that namespace, job and allocation. */
    public boolean covers(String taskNamespace, String taskJobName, String taskAllocId) {
        return matches(namespaces, taskNamespace) && matches(jobNames, taskJobName) && matches(allocIds, taskAllocId);
    }

    /** Whether the grant reaches every task of every job (an API key, anonymous mode, or an all-{@code *} token). */
    public boolean reachesEverything() {
        return namespaces.contains(ANY) && jobNames.contains(ANY) && allocIds.contains(ANY);
    }

    /** Whether the grant names this allocation explicitly or reaches every allocation of every job. */
    public boolean mayLearnExistence(String requestedAllocId) {
        return allocIds.contains(requestedAllocId) || reachesEverything();
    }

    /** Whether the grant could reach that allocation at all (only the alloc claim is known before lookup). */
    public boolean mayReachAlloc(String requestedAllocId) {
        return matches(allocIds, requestedAllocId);
    }

    private static boolean matches(Set<String> claim, String actual) {
        return claim.contains(ANY) || (actual != null && claim.contains(actual));
    }
}
