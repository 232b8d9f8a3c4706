package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.WebsiteDeployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validates a deployment against the current configuration before anything is created: names, paths,
 * pools, bindings and their conflicts with other sites, certificates. Errors say what is wrong where.
 */
final class PortableDeploymentCheck {
    private PortableDeploymentCheck() {}

    static void validate(WebsiteDeployment deployment, HostConfiguration config, Predicate<String> certificateExists)
            throws IisException {
        SiteSpec site = deployment.site();
        if (site == null || site.name() == null || site.name().isBlank()) {
            throw new IisException("failed to deploy: the site has no name");
        }
        String what = "failed to create site \"" + site.name() + "\": ";
        Set<String> pools = new HashSet<>();
        for (AppPoolSpec pool : deployment.pools()) {
            if (pool.name() == null || pool.name().isBlank()) {
                throw new IisException(what + "an app pool has no name");
            }
            if (config.pools().containsKey(pool.name()) || !pools.add(pool.name())) {
                throw new IisException(what + "app pool \"" + pool.name() + "\" already exists");
            }
        }
        SiteSpec existing = config.sites().get(site.name());
        if (deployment.ownsSite() && existing != null) {
            throw new IisException(what + "the site already exists");
        }
        if (!deployment.ownsSite() && existing == null) {
            throw new IisException(
                    "failed to add applications to site \"" + site.name() + "\": the site does not exist");
        }
        Set<String> paths = new HashSet<>();
        if (existing != null) {
            existing.applications().forEach(a -> paths.add(a.path().toLowerCase(Locale.ROOT)));
        }
        for (ApplicationSpec app : site.applications()) {
            checkApplication(what, app, paths, pools, config);
        }
        if (deployment.ownsSite()) {
            checkBindings(what, site, config, certificateExists);
        }
    }

    private static void checkApplication(
            String what, ApplicationSpec app, Set<String> paths, Set<String> pools, HostConfiguration config)
            throws IisException {
        if (app.path() == null || !app.path().startsWith("/")) {
            throw new IisException(what + "application path \"" + app.path() + "\" must start with /");
        }
        if (!paths.add(app.path().toLowerCase(Locale.ROOT))) {
            throw new IisException(what + "application \"" + app.path() + "\" already exists");
        }
        checkFolder(what, "application \"" + app.path() + "\"", app.physicalPath());
        for (VirtualDirectorySpec vdir : app.virtualDirectories()) {
            if (vdir.path() == null
                    || !vdir.path().startsWith("/")
                    || vdir.path().length() < 2) {
                throw new IisException(what + "virtual directory \"" + vdir.path() + "\" of application \"" + app.path()
                        + "\" must be /<alias>");
            }
            checkFolder(
                    what,
                    "virtual directory \"" + vdir.path() + "\" of application \"" + app.path() + "\"",
                    vdir.physicalPath());
        }
        if (!pools.contains(app.poolName()) && !config.pools().containsKey(app.poolName())) {
            throw new IisException(what + "application \"" + app.path() + "\" uses app pool \"" + app.poolName()
                    + "\", which does not exist");
        }
    }

    private static void checkFolder(String what, String object, Path folder) throws IisException {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IisException(
                    what + "physical path \"" + folder + "\" of " + object + " does not exist or is not a folder");
        }
    }

    private static void checkBindings(
            String what, SiteSpec site, HostConfiguration config, Predicate<String> certificateExists)
            throws IisException {
        for (int i = 0; i < site.bindings().size(); i++) {
            BindingSpec binding = site.bindings().get(i);
            String name = "binding " + binding.protocol() + " " + binding.bindingInformation();
            String protocol =
                    binding.protocol() == null ? "" : binding.protocol().toLowerCase(Locale.ROOT);
            if (!protocol.equals("http") && !protocol.equals("https")) {
                throw new IisException(what + name + ": protocol must be http or https");
            }
            if (binding.port() < 1 || binding.port() > 65535) {
                throw new IisException(what + name + ": port must be between 1 and 65535");
            }
            String ip = binding.ipAddress();
            if (ip != null && !ip.isBlank() && !ip.equals("*") && !ip.matches("[0-9a-fA-F.:]+")) {
                throw new IisException(what + name + ": ip address must be * or an IP address");
            }
            if (protocol.equals("https")
                    && (binding.certificateThumbprint() == null
                            || !certificateExists.test(binding.certificateThumbprint()))) {
                throw new IisException(
                        what + name + ": certificate " + binding.certificateThumbprint() + " is not installed");
            }
            for (int j = 0; j < i; j++) {
                conflict(what, name, binding, site.bindings().get(j), "this site");
            }
            for (SiteSpec other : config.sites().values()) {
                for (BindingSpec taken : other.bindings()) {
                    conflict(what, name, binding, taken, "site \"" + other.name() + "\"");
                }
            }
        }
    }

    private static void conflict(String what, String name, BindingSpec binding, BindingSpec taken, String owner)
            throws IisException {
        Endpoint mine = Endpoint.of(binding);
        Endpoint theirs = Endpoint.of(taken);
        if (!mine.overlaps(theirs)) {
            return;
        }
        String host = binding.hostname() == null ? "" : binding.hostname();
        String takenHost = taken.hostname() == null ? "" : taken.hostname();
        if (!mine.equals(theirs)) {
            throw new IisException(what + name + ": port " + binding.port() + " is already in use by " + owner);
        }
        if (host.equalsIgnoreCase(takenHost)) {
            throw new IisException(what + name + ": the binding is already used by " + owner);
        }
    }
}
