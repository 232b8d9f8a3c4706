package io.nomadiis.iis;

import java.util.List;

/**
 * What one task owns and takes away again, as recorded when it was deployed.
 *
 * @param siteName the site
 * @param ownsSite true: remove the whole site; false: remove only {@code applicationPaths} from it
 * @param applicationPaths the task's applications ({@code /alias}) inside a site it does not own
 * @param poolNames the task's pools
 * @param autoStartProviderNames providers to remove when no application references them any more
 * @param certificateThumbprints managed certificates the task installed; removed when no remaining binding uses them
 */
public record WebsiteRemoval(
        String siteName,
        boolean ownsSite,
        List<String> applicationPaths,
        List<String> poolNames,
        List<String> autoStartProviderNames,
        List<String> certificateThumbprints) {
    public WebsiteRemoval {
        applicationPaths = List.copyOf(applicationPaths);
        poolNames = List.copyOf(poolNames);
        autoStartProviderNames = List.copyOf(autoStartProviderNames);
        certificateThumbprints = List.copyOf(certificateThumbprints);
    }
}
