package io.nomadiis.iis.windows;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.AutoStartProviderSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.Extension;
import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.windows.ConfigStep.CollectionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the host contract's records to AHADMIN elements and attributes (IIS_schema.xml names): the
 * whole of IIS configuration the Windows host writes is decided here, in plain Java. Attributes left
 * null in a spec are not written, so IIS keeps its defaults.
 */
public final class ConfigPlanner {
    private ConfigPlanner() {}

    /**
     * The plan of a deployment: auto-start providers (upserted), then pools, then the site (or, when the
     * task does not own the site, its applications inside the existing site).
     *
     * @param siteId the id for a new site (see {@link SiteIds}); ignored when the site is not owned
     */
    public static ConfigPlan deployment(WebsiteDeployment deployment, long siteId) {
        List<ConfigStep> steps = new ArrayList<>();
        for (AutoStartProviderSpec provider : deployment.autoStartProviders()) {
            steps.add(new ConfigStep.Upsert(
                    CollectionRef.of(ConfigStep.AUTO_START_PROVIDERS),
                    "name",
                    element(
                            "add",
                            List.of(
                                    new ConfigAttribute("name", provider.name()),
                                    new ConfigAttribute("type", provider.type())))));
        }
        for (AppPoolSpec pool : deployment.pools()) {
            steps.add(new ConfigStep.Add(CollectionRef.of(ConfigStep.POOLS), pool(pool)));
        }
        SiteSpec site = deployment.site();
        if (deployment.ownsSite()) {
            steps.add(new ConfigStep.Add(CollectionRef.of(ConfigStep.SITES), site(site, siteId)));
        } else {
            for (ApplicationSpec application : site.applications()) {
                steps.add(new ConfigStep.Add(CollectionRef.applicationsOf(site.name()), application(application)));
            }
        }
        return new ConfigPlan("deploy site \"" + site.name() + "\"", steps);
    }

    /**
     * The plan of a removal: the site (or only the task's applications in it), then the pools, then the
     * auto-start providers that nothing references any more.
     *
     * @param unreferencedProviders the removal's providers that no application outside this removal still uses
     */
    public static ConfigPlan removal(WebsiteRemoval removal, Collection<String> unreferencedProviders) {
        List<ConfigStep> steps = new ArrayList<>();
        if (removal.ownsSite()) {
            steps.add(new ConfigStep.Delete(CollectionRef.of(ConfigStep.SITES), "name", removal.siteName()));
        } else {
            for (String path : removal.applicationPaths()) {
                steps.add(new ConfigStep.Delete(CollectionRef.applicationsOf(removal.siteName()), "path", path));
            }
        }
        for (String pool : removal.poolNames()) {
            steps.add(new ConfigStep.Delete(CollectionRef.of(ConfigStep.POOLS), "name", pool));
        }
        for (String provider : unreferencedProviders) {
            steps.add(new ConfigStep.Delete(CollectionRef.of(ConfigStep.AUTO_START_PROVIDERS), "name", provider));
        }
        return new ConfigPlan("remove site \"" + removal.siteName() + "\"", steps);
    }

    /** What to take away again when a deployment fails after its commit (the rollback of a deploy). */
    public static WebsiteRemoval undo(WebsiteDeployment deployment) {
        List<String> paths = deployment.ownsSite()
                ? List.of()
                : deployment.site().applications().stream()
                        .map(ApplicationSpec::path)
                        .toList();
        return new WebsiteRemoval(
                deployment.site().name(),
                deployment.ownsSite(),
                paths,
                deployment.pools().stream().map(AppPoolSpec::name).toList(),
                List.of(),
                List.of());
    }

    /**
     * An {@code applicationPools/add} element: name, identity, then every {@link PoolAttribute} the pool sets, in
     * catalogue order, written to its IIS path with {@link #iisValue}, then the pool's extensions.
     */
    static ConfigElement pool(AppPoolSpec pool) {
        List<ConfigAttribute> a = new ArrayList<>();
        a.add(new ConfigAttribute("name", pool.name()));
        if (pool.identity() != null) {
            put(a, "processModel.identityType", pool.identity().iisName());
        }
        put(a, "processModel.userName", pool.username());
        put(a, "processModel.password", pool.password());
        pool.settings().forEach((attribute, value) -> put(a, attribute.iisPath(), iisValue(attribute, value)));
        extensions(a, pool.extensions());
        List<ConfigElement> variables = new ArrayList<>();
        environment(pool.environment())
                .forEach((name, value) -> variables.add(element(
                        "add", List.of(new ConfigAttribute("name", name), new ConfigAttribute("value", value)))));
        List<ConfigElement.Collection> collections = variables.isEmpty()
                ? List.of()
                : List.of(new ConfigElement.Collection("environmentVariables", variables));
        return new ConfigElement("add", a, collections);
    }

    /** A {@code sites/site} element with its bindings and applications. */
    static ConfigElement site(SiteSpec site, long id) {
        List<ConfigAttribute> a = new ArrayList<>();
        a.add(new ConfigAttribute("name", site.name()));
        a.add(new ConfigAttribute("id", Math.toIntExact(id)));
        put(a, "applicationDefaults.applicationPool", site.defaultPoolName());
        if (site.logDirectory() != null) {
            put(a, "logFile.directory", site.logDirectory().toString());
        }
        List<ConfigElement> bindings = new ArrayList<>();
        for (BindingSpec binding : site.bindings()) {
            List<ConfigAttribute> b = new ArrayList<>();
            b.add(new ConfigAttribute("protocol", binding.protocol().toLowerCase(java.util.Locale.ROOT)));
            b.add(new ConfigAttribute("bindingInformation", Bindings.information(binding)));
            if (Bindings.isHttps(binding)) {
                b.add(new ConfigAttribute("sslFlags", Bindings.sslFlags(binding)));
            }
            bindings.add(element("binding", b));
        }
        List<ConfigElement> applications =
                site.applications().stream().map(ConfigPlanner::application).toList();
        return new ConfigElement(
                "site",
                a,
                List.of(
                        new ConfigElement.Collection("bindings", bindings),
                        new ConfigElement.Collection("", applications)));
    }

    /** An {@code application} element with its root and further virtual directories. */
    static ConfigElement application(ApplicationSpec application) {
        List<ConfigAttribute> a = new ArrayList<>();
        a.add(new ConfigAttribute("path", application.path()));
        put(a, "applicationPool", application.poolName());
        put(a, "preloadEnabled", application.preloadEnabled());
        put(a, "serviceAutoStartEnabled", application.serviceAutoStartEnabled());
        put(a, "serviceAutoStartProvider", application.serviceAutoStartProvider());
        extensions(a, application.extensions());
        List<ConfigElement> vdirs = new ArrayList<>();
        vdirs.add(element(
                "virtualDirectory",
                List.of(
                        new ConfigAttribute("path", "/"),
                        new ConfigAttribute(
                                "physicalPath", application.physicalPath().toString()))));
        for (VirtualDirectorySpec vdir : application.virtualDirectories()) {
            List<ConfigAttribute> v = new ArrayList<>();
            v.add(new ConfigAttribute("path", vdir.path()));
            v.add(new ConfigAttribute("physicalPath", vdir.physicalPath().toString()));
            extensions(v, vdir.extensions());
            vdirs.add(element("virtualDirectory", v));
        }
        return new ConfigElement("application", a, List.of(new ConfigElement.Collection("", vdirs)));
    }

    /**
     * Environment variables without empty names or null or empty values (IIS's schema makes both {@code name} and
     * {@code value} of {@code environmentVariables/add} a {@code nonEmptyString}: one empty value would fail the
     * whole commit), deduplicated case-insensitively, sorted.
     */
    static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        environment.forEach((name, value) -> {
            if (name != null && !name.isBlank() && value != null && !value.isEmpty()) {
                sorted.put(name, value);
            }
        });
        return sorted;
    }

    private static void extensions(List<ConfigAttribute> attributes, List<Extension> extensions) {
        for (Extension extension : extensions) {
            attributes.add(new ConfigAttribute(extension.name(), extension.value() == null ? "" : extension.value()));
        }
    }

    /**
     * A catalogue value as AHADMIN takes it: a time span as its {@code [d.]hh:mm:ss} text, an enum as its schema
     * name, a {@code uint} as an Integer (VT_I4, as the schema's ranges all fit), anything else as it is.
     */
    static Object iisValue(PoolAttribute<?> attribute, Object value) {
        return switch (attribute.kind()) {
            case TIME_SPAN -> IisTimeSpan.format((Duration) value);
            case ENUM -> ((IisEnumValue) value).iisName();
            case UINT -> Math.toIntExact((Long) value);
            case BOOL, STRING -> value;
        };
    }

    private static void put(List<ConfigAttribute> attributes, String path, Object value) {
        if (value != null) {
            attributes.add(new ConfigAttribute(path, value));
        }
    }

    private static ConfigElement element(String name, List<ConfigAttribute> attributes) {
        return new ConfigElement(name, attributes, List.of());
    }
}
