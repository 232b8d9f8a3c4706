package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An app pool to create. Nullable fields mean "leave the IIS default".
 *
 * @param name full IIS pool name
 * @param identity process identity ({@code processModel.identityType}), or null
 * @param username user for {@link PoolIdentity#SPECIFIC_USER}, else null
 * @param password password for the user, or null (gMSA accounts have none); never logged
 * @param settings the {@link PoolAttribute catalogue} attributes the task sets (never null; empty when none)
 * @param environment environment variables of the worker processes
 * @param extensions extra attributes on the pool element
 * @param stdoutPath where the worker's standard output goes (the task's stdout sink), or null to discard
 * @param stderrPath where the worker's standard error goes, or null to discard
 */
public record AppPoolSpec(
        String name,
        PoolIdentity identity,
        String username,
        String password,
        PoolSettings settings,
        Map<String, String> environment,
        List<Extension> extensions,
        Path stdoutPath,
        Path stderrPath) {

    public AppPoolSpec {
        settings = settings == null ? PoolSettings.none() : settings;
        environment = Map.copyOf(environment);
        extensions = List.copyOf(extensions);
    }

    /** The value of one catalogue attribute, or null when IIS's default applies. */
    public <T> T setting(PoolAttribute<T> attribute) {
        return settings.get(attribute);
    }

    @Override
    public String toString() {
        return "AppPoolSpec[name=" + name + ", identity=" + identity + ", username=" + username + ", password="
                + (password == null ? "null" : "(redacted)") + "]";
    }
}
