package io.nomadiis.iis;

import java.util.List;

/**
 * Everything one task puts on the web server, applied as one unit by {@link IisHost#deploy}.
 *
 * @param pools the app pools to create
 * @param site the site; when {@code ownsSite} is false only its applications are added to the existing site of that
 *     name
 * @param ownsSite whether the task creates (and later removes) the site itself
 * @param autoStartProviders global auto-start providers to add or update
 */
public record WebsiteDeployment(
        List<AppPoolSpec> pools, SiteSpec site, boolean ownsSite, List<AutoStartProviderSpec> autoStartProviders) {
    public WebsiteDeployment {
        pools = List.copyOf(pools);
        autoStartProviders = List.copyOf(autoStartProviders);
    }
}
