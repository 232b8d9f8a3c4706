package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.COM.COMException;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.cert.Thumbprints;
import io.nomadiis.iis.windows.AhAdmin.Element;
import io.nomadiis.iis.windows.AhAdmin.ElementCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads IIS configuration and runtime state through a read-only {@code AdminManager}, and runs the
 * runtime methods ({@code Start}, {@code Stop}, {@code Recycle}, {@code AddSslCertificate}). Every call
 * goes through the {@link ComCallThread}; a fresh admin manager per call sees the latest committed configuration.
 */
final class IisRuntime {
    private final ComCallThread com;

    IisRuntime(ComCallThread com) {
        this.com = com;
    }

    /** The {@code name} (or other key) attribute of every entry of a section's collection. */
    List<String> keys(String section, String key) throws IisException {
        return com.call("list " + section, "", factory -> {
            List<String> names = new ArrayList<>();
            for (Element e : Elements.list(section(factory, section))) {
                names.add(Elements.text(e, key));
            }
            return names;
        });
    }

    /** The ids of all sites. */
    List<Long> siteIds() throws IisException {
        return com.call("list site ids", "", factory -> {
            List<Long> ids = new ArrayList<>();
            for (Element e : Elements.list(section(factory, ConfigStep.SITES))) {
                ids.add(ComValues.toLong(Elements.get(e, "id"), 0));
            }
            return ids;
        });
    }

    /** A site's configuration, if it exists. */
    Optional<SiteSpec> site(String name) throws IisException {
        return com.call("read site", name, factory -> {
            Element site = Elements.find(section(factory, ConfigStep.SITES), "name", name);
            return site == null ? Optional.empty() : Optional.of(siteSpec(site));
        });
    }

    /** Every application's {@code serviceAutoStartProvider} on every site. */
    List<References.ProviderReference> providerReferences() throws IisException {
        return com.call("list auto-start provider references", "", factory -> {
            List<References.ProviderReference> references = new ArrayList<>();
            for (Element site : Elements.list(section(factory, ConfigStep.SITES))) {
                String siteName = Elements.text(site, "name");
                for (Element app : Elements.list(site.getCollection())) {
                    references.add(new References.ProviderReference(
                            siteName, Elements.text(app, "path"), Elements.text(app, "serviceAutoStartProvider")));
                }
            }
            return references;
        });
    }

    /**
     * The certificate hashes of every https binding of every site (http.sys's view through the binding's runtime
     * attribute).
     */
    List<String> boundCertificateHashes() throws IisException {
        return com.call("list certificate bindings", "", factory -> {
            List<String> hashes = new ArrayList<>();
            for (Element site : Elements.list(section(factory, ConfigStep.SITES))) {
                for (Element binding :
                        Elements.list(Elements.child(site, "bindings").getCollection())) {
                    if ("https".equalsIgnoreCase(Elements.text(binding, "protocol"))) {
                        hashes.add(certificateHash(binding));
                    }
                }
            }
            return hashes;
        });
    }

    /**
     * The pool's state and worker PIDs (plus their child processes, e.g. ANCM out-of-process apps);
     * {@link PoolState#UNKNOWN} when the pool does not exist or IIS's runtime state cannot be read (W3SVC stopped).
     */
    PoolRuntime poolRuntime(String name) throws IisException {
        return com.call("read app pool state", name, factory -> {
            Element pool = Elements.find(section(factory, ConfigStep.POOLS), "name", name);
            if (pool == null) {
                return PoolRuntime.unknown(name);
            }
            PoolState state;
            List<Long> pids = new ArrayList<>();
            try {
                state = PoolStates.fromIis(Elements.get(pool, "state"));
                for (Element worker :
                        Elements.list(pool.getElementByName("workerProcesses").getCollection())) {
                    long pid = ComValues.toLong(Elements.get(worker, "processId"), 0);
                    if (pid > 0) {
                        pids.add(pid);
                        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(c -> pids.add(c.pid())));
                    }
                }
            } catch (COMException e) {
                // the runtime extension answers only while WAS/W3SVC run: the pool exists, its state is unknown
                return PoolRuntime.unknown(name);
            }
            return new PoolRuntime(name, state, pids, null);
        });
    }

    /** Runs {@code Start}, {@code Stop} or {@code Recycle} on a pool. */
    void poolMethod(String name, String method) throws IisException {
        com.call(method.toLowerCase() + " app pool", name, factory -> {
            Element pool = Elements.find(section(factory, ConfigStep.POOLS), "name", name);
            if (pool == null) {
                throw new IisException("failed to " + method.toLowerCase() + " app pool \"" + name
                        + "\": the app pool does not exist");
            }
            Elements.execute(pool, method, Map.of());
            return null;
        });
    }

    /** The site's runtime state. */
    PoolState siteState(String name) throws IisException {
        return com.call("read site state", name, factory -> {
            Element site = Elements.find(section(factory, ConfigStep.SITES), "name", name);
            return site == null ? PoolState.UNKNOWN : PoolStates.fromIis(Elements.get(site, "state"));
        });
    }

    /** Runs {@code Start} on a site; a port held by another process fails with {@link ComFailure#SHARING_VIOLATION}. */
    void startSite(String name) throws IisException {
        com.call("start site", name, factory -> {
            Element site = Elements.find(section(factory, ConfigStep.SITES), "name", name);
            if (site != null) {
                Elements.execute(site, "Start", Map.of());
            }
            return null;
        });
    }

    /** Registers the certificate with http.sys for one https binding of the site ({@code AddSslCertificate}). */
    void addSslCertificate(String siteName, String bindingInformation, String thumbprint) throws IisException {
        com.call(
                "bind certificate " + thumbprint + " to binding " + bindingInformation + " of site",
                siteName,
                factory -> {
                    Element binding = binding(factory, siteName, bindingInformation);
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
        com.call("unbind certificate from binding " + bindingInformation + " of site", siteName, factory -> {
            Element binding = binding(factory, siteName, bindingInformation);
            if (binding != null) {
                Elements.execute(binding, "RemoveSslCertificate", Map.of());
            }
            return null;
        });
    }

    private static Element binding(
            com.sun.jna.platform.win32.COM.util.ObjectFactory factory, String siteName, String bindingInformation) {
        Element site = Elements.find(section(factory, ConfigStep.SITES), "name", siteName);
        return site == null
                ? null
                : Elements.find(
                        Elements.child(site, "bindings").getCollection(), "bindingInformation", bindingInformation);
    }

    private static ElementCollection section(
            com.sun.jna.platform.win32.COM.util.ObjectFactory factory, String section) {
        AhAdmin.AdminManager manager = factory.createObject(AhAdmin.AdminManager.class);
        return manager.getAdminSection(section, AhAdmin.APPHOST).getCollection();
    }

    private static SiteSpec siteSpec(Element site) {
        List<BindingSpec> bindings = new ArrayList<>();
        for (Element b : Elements.list(Elements.child(site, "bindings").getCollection())) {
            String protocol = Elements.text(b, "protocol");
            if (protocol.equalsIgnoreCase("http") || protocol.equalsIgnoreCase("https")) {
                int flags = (int) ComValues.toLong(Elements.get(b, "sslFlags"), 0);
                String hash = protocol.equalsIgnoreCase("https") ? certificateHash(b) : null;
                bindings.add(Bindings.parse(protocol, Elements.text(b, "bindingInformation"), flags, hash));
            }
        }
        List<ApplicationSpec> applications = new ArrayList<>();
        for (Element app : Elements.list(site.getCollection())) {
            Path root = null;
            List<VirtualDirectorySpec> vdirs = new ArrayList<>();
            for (Element vdir : Elements.list(app.getCollection())) {
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
                Elements.text(Elements.child(site, "applicationDefaults"), "applicationPool"));
    }

    private static String certificateHash(Element binding) {
        try {
            String hash = Thumbprints.normalize(Elements.text(binding, "certificateHash"));
            return hash.isEmpty() ? null : hash;
        } catch (COMException e) {
            return null;
        }
    }
}
