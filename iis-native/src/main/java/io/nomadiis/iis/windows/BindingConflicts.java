package io.nomadiis.iis.windows;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import java.util.List;

/**
 * Refuses a new site whose binding another site already has: IIS accepts the duplicate into the configuration
 * but cannot start the second site (its {@code Start} fails with {@code 0x800700B7}), and that message would
 * not say which site holds the binding. Bindings are equal when both are http.sys bindings (http or https) with
 * the same {@code ip:port:host}, compared case-insensitively.
 */
final class BindingConflicts {
    /**
     * A binding of some site.
     *
     * @param siteName the site
     * @param protocol http, https, net.tcp, ...
     * @param bindingInformation {@code ip:port:host} for http and https
     */
    record SiteBinding(String siteName, String protocol, String bindingInformation) {}

    private BindingConflicts() {}

    /** Fails naming the site that already has one of the new site's bindings. */
    static void check(String site, List<BindingSpec> bindings, List<SiteBinding> existing) throws IisException {
        for (BindingSpec binding : bindings) {
            String information = Bindings.information(binding);
            for (SiteBinding other : existing) {
                if (!other.siteName().equalsIgnoreCase(site)
                        && httpSys(other.protocol())
                        && other.bindingInformation().equalsIgnoreCase(information)) {
                    throw new IisException("failed to create site \"" + site + "\": binding " + information + " (port "
                            + binding.port() + ") is already used by site \"" + other.siteName() + "\"");
                }
            }
        }
    }

    private static boolean httpSys(String protocol) {
        return protocol.equalsIgnoreCase("http") || protocol.equalsIgnoreCase("https");
    }
}
