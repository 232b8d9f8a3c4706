package io.nomadiis.iis.windows;

import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.cert.Thumbprints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads IIS configuration and runtime state through the read-only {@code AdminManager}, and runs the
 * runtime methods ({@code Start}, {@code Stop}, {@code Recycle}, {@code AddSslCertificate},
 * {@code RemoveSslCertificate}). Every call goes through {@link AdminCalls}; each call sees the latest
 * committed configuration. Runtime attributes ({@code state}, {@code workerProcesses}, a binding's
 * {@code certificateHash}) come from the RSCA extension and answer only while WAS/W3SVC run and have loaded
 * the object (windows-iis.md section 2).
 */
final class IisRuntime {
    private final AdminCalls calls;

    IisRuntime(AdminCalls calls) {
        this.calls = calls;
    }

    /** The {@code name} (or other key) attribute of every entry of a section's collection. */
    List<String> keys(String section, String key) throws IisException {
        return calls.call("list " + section, "", admin -> keys(admin, section, key));
    }

    /** The key attribute of every entry of a section's collection, within a call. */
    static List<String> keys(AppHostAdmin admin, String section, String key) {
        List<String> names = new ArrayList<>();
        for (AppHostElement e : Elements.list(admin.section(section).collection())) {
            names.add(Elements.text(e, key));
        }
        return names;
    }

    /** The ids of all sites, within a call. */
    static List<Long> siteIds(AppHostAdmin admin) {
        List<Long> ids = new ArrayList<>();
        for (AppHostElement e : Elements.list(admin.section(ConfigStep.SITES).collection())) {
            ids.add(ComValues.toLong(Elements.get(e, "id"), 0));
        }
        return ids;
    }

    /** Every binding of every site, within a call. */
    static List<BindingConflicts.SiteBinding> bindings(AppHostAdmin admin) {
        List<BindingConflicts.SiteBinding> bindings = new ArrayList<>();
        for (AppHostElement site : Elements.list(admin.section(ConfigStep.SITES).collection())) {
            String siteName = Elements.text(site, "name");
            for (AppHostElement binding : Elements.list(site.child("bindings").collection())) {
                bindings.add(new BindingConflicts.SiteBinding(
                        siteName, Elements.text(binding, "protocol"), Elements.text(binding, "bindingInformation")));
            }
        }
        return bindings;
    }

    /** A site's configuration, if it exists. */
    Optional<SiteSpec> site(String name) throws IisException {
        return calls.call("read site", name, admin -> site(admin, name));
    }

    /** A site's configuration, within a call. */
    static Optional<SiteSpec> site(AppHostAdmin admin, String name) {
        AppHostElement site = Elements.find(admin.section(ConfigStep.SITES).collection(), "name", name);
        return site == null ? Optional.empty() : Optional.of(siteSpec(site));
    }

    /** Every application's {@code serviceAutoStartProvider} on every site. */
    List<References.ProviderReference> providerReferences() throws IisException {
        return calls.call("list auto-start provider references", "", admin -> {
            List<References.ProviderReference> references = new ArrayList<>();
            for (AppHostElement site :
                    Elements.list(admin.section(ConfigStep.SITES).collection())) {
                String siteName = Elements.text(site, "name");
                for (AppHostElement app : Elements.list(site.collection())) {
                    references.add(new References.ProviderReference(
                            siteName, Elements.text(app, "path"), Elements.text(app, "serviceAutoStartProvider")));
                }
            }
            return references;
        });
    }

    /**
     * Every https binding of every site, with the certificate http.sys has registered for it (the binding's
     * RSCA {@code certificateHash}; null when there is none or it cannot be read).
     */
    List<HttpsBinding> httpsBindings() throws IisException {
        return calls.call("list certificate bindings", "", admin -> {
            List<HttpsBinding> bindings = new ArrayList<>();
            for (AppHostElement site :
                    Elements.list(admin.section(ConfigStep.SITES).collection())) {
                String siteName = Elements.text(site, "name");
                for (AppHostElement binding :
                        Elements.list(site.child("bindings").collection())) {
                    if ("https".equalsIgnoreCase(Elements.text(binding, "protocol"))) {
                        bindings.add(new HttpsBinding(
                                siteName,
                                Elements.text(binding, "bindingInformation"),
                                (int) ComValues.toLong(Elements.get(binding, "sslFlags"), 0),
                                certificateHash(binding)));
                    }
                }
            }
            return bindings;
        });
    }

    /** The certificate hashes of every https binding of every site. */
    List<String> boundCertificateHashes() throws IisException {
        return httpsBindings().stream()
                .map(HttpsBinding::certificateHash)
                .filter(h -> h != null)
                .toList();
    }

    /**
     * The pool's state and worker PIDs (plus their child processes, e.g. ANCM out-of-process apps);
     * {@link PoolRuntime.Presence#ABSENT} when the configuration has no such pool,
     * {@link PoolRuntime.Presence#UNREADABLE} when IIS's runtime state cannot be read (W3SVC stopped, or WAS has
     * not loaded the pool yet).
     */
    PoolRuntime poolRuntime(String name) throws IisException {
        return poolRuntimes(List.of(name)).get(name);
    }

    /** One snapshot of several pools: one walk of the pool collection, whatever the number of callers. */
    Map<String, PoolRuntime> poolRuntimes(Collection<String> names) throws IisException {
        return calls.call("read app pool state", String.join(", ", names), admin -> {
            Map<String, AppHostElement> byName = new HashMap<>();
            for (AppHostElement pool :
                    Elements.list(admin.section(ConfigStep.POOLS).collection())) {
                byName.put(Elements.text(pool, "name").toLowerCase(Locale.ROOT), pool);
            }
            Map<String, PoolRuntime> runtimes = new LinkedHashMap<>();
            for (String name : names) {
                AppHostElement pool = byName.get(name.toLowerCase(Locale.ROOT));
                runtimes.put(name, pool == null ? PoolRuntime.unknown(name) : runtime(name, pool));
            }
            return runtimes;
        });
    }

    private static PoolRuntime runtime(String name, AppHostElement pool) {
        try {
            PoolState state = PoolStates.fromIis(Elements.get(pool, "state"));
            List<Long> pids = new ArrayList<>();
            for (AppHostElement worker :
                    Elements.list(pool.child("workerProcesses").collection())) {
                long pid = ComValues.toLong(Elements.get(worker, "processId"), 0);
                if (pid > 0) {
                    pids.add(pid);
                    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(c -> pids.add(c.pid())));
                }
            }
            return new PoolRuntime(name, state, pids, null, PoolRuntime.Presence.PRESENT);
        } catch (AppHostException e) {
            // the runtime extension answers only while WAS/W3SVC run and have loaded the pool
            return PoolRuntime.unreadable(name);
        }
    }

    /** Runs {@code Start}, {@code Stop} or {@code Recycle} on a pool. */
    void poolMethod(String name, String method) throws IisException {
        String operation = method.toLowerCase(Locale.ROOT) + " app pool";
        calls.call(operation, name, admin -> {
            AppHostElement pool = Elements.find(admin.section(ConfigStep.POOLS).collection(), "name", name);
            if (pool == null) {
                throw new IisException("failed to " + operation + " \"" + name + "\": the app pool does not exist");
            }
            try {
                Elements.execute(pool, method, Map.of());
            } catch (AppHostException e) {
                throw AdminFailures.translate(operation, name, e, HResults.Call.RUNTIME);
            }
            return null;
        });
    }

    /** The site's runtime state; {@link PoolState#UNKNOWN} when the site is not configured. Throws when unreadable. */
    PoolState siteState(String name) throws IisException {
        return calls.call("read site state", name, admin -> {
            AppHostElement site = Elements.find(admin.section(ConfigStep.SITES).collection(), "name", name);
            try {
                return site == null ? PoolState.UNKNOWN : PoolStates.fromIis(Elements.get(site, "state"));
            } catch (AppHostException e) {
                throw AdminFailures.translate("read site state", name, e, HResults.Call.RUNTIME);
            }
        });
    }

    /** Runs {@code Start} on a site; a port held by another process fails with {@link HResults#SHARING_VIOLATION}. */
    void startSite(String name) throws IisException {
        calls.call("start site", name, admin -> {
            AppHostElement site = Elements.find(admin.section(ConfigStep.SITES).collection(), "name", name);
            if (site != null) {
                try {
                    Elements.execute(site, "Start", Map.of());
                } catch (AppHostException e) {
                    throw AdminFailures.translate("start site", name, e, HResults.Call.SITE_START);
                }
            }
            return null;
        });
    }

    /**
     * Registers the certificate with http.sys for one https binding of the site ({@code AddSslCertificate});
     * http.sys answers {@link HResults#ALREADY_EXISTS} when the binding's key already has a registration.
     */
    void addSslCertificate(String siteName, String bindingInformation, String thumbprint) throws IisException {
        calls.call(
                "bind certificate " + thumbprint + " to binding " + bindingInformation + " of site",
                siteName,
                admin -> {
                    AppHostElement binding = binding(admin, siteName, bindingInformation);
                    if (binding != null) {
                        Elements.execute(
                                binding,
                                "AddSslCertificate",
                                Map.of("certificateHash", thumbprint, "certificateStoreName", "My"));
                    }
                    return null;
                });
    }

    /** Removes http.sys's certificate registration of one https binding ({@code RemoveSslCertificate}). */
    void removeSslCertificate(String siteName, String bindingInformation) throws IisException {
        calls.call("unbind certificate from binding " + bindingInformation + " of site", siteName, admin -> {
            AppHostElement binding = binding(admin, siteName, bindingInformation);
            if (binding != null) {
                Elements.execute(binding, "RemoveSslCertificate", Map.of());
            }
            return null;
        });
    }

    private static AppHostElement binding(AppHostAdmin admin, String siteName, String bindingInformation) {
        AppHostElement site = Elements.find(admin.section(ConfigStep.SITES).collection(), "name", siteName);
        return site == null
                ? null
                : Elements.find(site.child("bindings").collection(), "bindingInformation", bindingInformation);
    }

    private static SiteSpec siteSpec(AppHostElement site) {
        List<BindingSpec> bindings = new ArrayList<>();
        for (AppHostElement b : Elements.list(site.child("bindings").collection())) {
            String protocol = Elements.text(b, "protocol");
            if (protocol.equalsIgnoreCase("http") || protocol.equalsIgnoreCase("https")) {
                int flags = (int) ComValues.toLong(Elements.get(b, "sslFlags"), 0);
                String hash = protocol.equalsIgnoreCase("https") ? certificateHash(b) : null;
                bindings.add(Bindings.parse(protocol, Elements.text(b, "bindingInformation"), flags, hash));
            }
        }
        List<ApplicationSpec> applications = new ArrayList<>();
        for (AppHostElement app : Elements.list(site.collection())) {
            Path root = null;
            List<VirtualDirectorySpec> vdirs = new ArrayList<>();
            for (AppHostElement vdir : Elements.list(app.collection())) {
                String path = Elements.text(vdir, "path");
                Path physical = Path.of(Elements.text(vdir, "physicalPath"));
                if (path.equals("/")) {
                    root = physical;
                } else {
                    vdirs.add(new VirtualDirectorySpec(path, physical, List.of()));
                }
            }
            String provider = Elements.text(app, "serviceAutoStartProvider");
            applications.add(new ApplicationSpec(
                    Elements.text(app, "path"),
                    root,
                    Elements.text(app, "applicationPool"),
                    ComValues.toBoolean(Elements.get(app, "preloadEnabled")),
                    ComValues.toBoolean(Elements.get(app, "serviceAutoStartEnabled")),
                    provider.isEmpty() ? null : provider,
                    vdirs,
                    List.of()));
        }
        return new SiteSpec(
                Elements.text(site, "name"),
                bindings,
                applications,
                Elements.text(site.child("applicationDefaults"), "applicationPool"));
    }

    private static String certificateHash(AppHostElement binding) {
        try {
            String hash = Thumbprints.normalize(Elements.text(binding, "certificateHash"));
            return hash.isEmpty() ? null : hash;
        } catch (AppHostException e) {
            return null;
        }
    }
}
