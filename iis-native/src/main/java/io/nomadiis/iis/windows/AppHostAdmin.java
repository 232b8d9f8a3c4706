package io.nomadiis.iis.windows;

/**
 * The admin managers of one {@link AdminCalls} call: the read-only {@code AdminManager} (configuration plus
 * RSCA runtime state and methods) and a {@code WritableAdminManager} whose changes reach
 * applicationHost.config only through {@link Writable#commit()}. Each call sees the configuration as
 * committed when it began.
 */
public interface AppHostAdmin {
    /** A section of {@code MACHINE/WEBROOT/APPHOST} on the read-only admin manager. */
    AppHostElement section(String section);

    /** A new writable admin manager with commit path {@code MACHINE/WEBROOT/APPHOST}. */
    Writable writable();

    /** A {@code WritableAdminManager}. */
    interface Writable {
        /** A section to change. */
        AppHostElement section(String section);

        /** {@code CommitChanges}: all changes of this manager at once, or none. */
        void commit();
    }
}
