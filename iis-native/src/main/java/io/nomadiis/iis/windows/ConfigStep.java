package io.nomadiis.iis.windows;

/**
 * One change of a {@link ConfigPlan}, executed by the COM layer on a writable admin manager before the single commit.
 */
public sealed interface ConfigStep {
    /** The AHADMIN section holding the server's app pools. */
    String POOLS = "system.applicationHost/applicationPools";
    /** The AHADMIN section holding the server's sites. */
    String SITES = "system.applicationHost/sites";
    /** The AHADMIN section holding the global auto-start providers. */
    String AUTO_START_PROVIDERS = "system.applicationHost/serviceAutoStartProviders";

    /** Where a step applies: the collection of a section, or the application collection of one site. */
    CollectionRef target();

    /**
     * A collection: {@code section}'s own collection, or, when {@code siteName} is set, the collection
     * of the site of that name in {@link #SITES} (its applications).
     *
     * @param section the AHADMIN section
     * @param siteName the site, or null
     */
    record CollectionRef(String section, String siteName) {
        /** The section's own collection. */
        public static CollectionRef of(String section) {
            return new CollectionRef(section, null);
        }

        /** The applications of a site. */
        public static CollectionRef applicationsOf(String siteName) {
            return new CollectionRef(SITES, siteName);
        }

        @Override
        public String toString() {
            return siteName == null ? section : section + "[name=\"" + siteName + "\"]";
        }
    }

    /**
     * Adds a new element; fails if one with the same key exists.
     *
     * @param target where
     * @param element what
     */
    record Add(CollectionRef target, ConfigElement element) implements ConfigStep {}

    /**
     * Sets the element's attributes on the existing element whose {@code keyAttribute} matches
     * (case-insensitively), or adds it when there is none.
     *
     * @param target where
     * @param keyAttribute the attribute that identifies the element, e.g. {@code name}
     * @param element the element with its attributes
     */
    record Upsert(CollectionRef target, String keyAttribute, ConfigElement element) implements ConfigStep {}

    /**
     * Deletes the element whose {@code keyAttribute} equals {@code keyValue} (case-insensitively); absent is fine.
     *
     * @param target where
     * @param keyAttribute e.g. {@code name} or {@code path}
     * @param keyValue the value to match
     */
    record Delete(CollectionRef target, String keyAttribute, String keyValue) implements ConfigStep {}
}
