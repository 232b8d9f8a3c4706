package io.nomadiis.iis.windows;

import java.nio.file.Path;
import java.util.List;

/**
 * The access rules {@code directory_security = true} puts on one folder of an allocation: inheritance
 * off (existing rules copied), the built-in {@code Users} and {@code Authenticated Users} entries
 * removed, then the grants added.
 *
 * @param folder the folder (applied only if it exists)
 * @param removeIdentities SIDs of the accounts whose entries are removed
 * @param grants the entries added
 */
public record AclPlan(Path folder, List<String> removeIdentities, List<Grant> grants) {
    public AclPlan {
        removeIdentities = List.copyOf(removeIdentities);
        grants = List.copyOf(grants);
    }

    /** The rights a grant gives. */
    public enum Rights {
        /** Everything, inherited by sub-folders and files. */
        FULL_CONTROL,
        /** Read files only: inherit-only on files, no listing of the folder itself. */
        READ_FILES_ONLY
    }

    /**
     * One access-allowed entry.
     *
     * @param identity the account name (e.g. {@code IIS AppPool\nomad-1-web}) or a SID string
     * @param rights what it may do
     */
    public record Grant(String identity, Rights rights) {}
}
