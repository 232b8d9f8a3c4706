package io.nomadiis.mgmt.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an authenticated caller may reach: a namespace, job and allocation (each a value or
 * {@code *}) and a set of capabilities.
 *
 * @param subject who the caller is, for log lines (never the credential itself)
 * @param namespace namespace or {@code *}; null when the token did not name one
 * @param jobName job name or {@code *}; null when the token did not name one
 * @param allocId allocation id or {@code *}; null when the token did not name one
 * @param capabilities granted capabilities
 */
public record Grant(String subject, String namespace, String jobName, String allocId, Set<Capability> capabilities) {

    public static final String ANY = "*";

    public Grant {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Everything everywhere (API key, or anonymous mode). */
    public static Grant all(String subject) {
        return new Grant(subject, ANY, ANY, ANY, EnumSet.allOf(Capability.class));
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Whether the grant may reach a task of that namespace, job and allocation. */
    public boolean covers(String taskNamespace, String taskJobName, String taskAllocId) {
        return matches(namespace, taskNamespace) && matches(jobName, taskJobName) && matches(allocId, taskAllocId);
    }

    /** Whether the grant names this allocation explicitly or reaches every allocation of every job. */
    public boolean mayLearnExistence(String requestedAllocId) {
        return requestedAllocId.equals(allocId)
                || (ANY.equals(namespace) && ANY.equals(jobName) && ANY.equals(allocId));
    }

    /** Whether the grant could reach that allocation at all (only the alloc claim is known before lookup). */
    public boolean mayReachAlloc(String requestedAllocId) {
        return matches(allocId, requestedAllocId);
    }

    private static boolean matches(String claim, String actual) {
        return claim != null && (ANY.equals(claim) || claim.equals(actual));
    }
}
