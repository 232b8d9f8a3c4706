package io.nomadiis.iis;

import java.time.Duration;
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
 * @param stopTimeout how long the pools get to stop before their worker processes are killed (Nomad's StopTask
 *     {@code timeout}, from the job's {@code kill_timeout}); null: each pool's own {@code shutdownTimeLimit}
 */
public record WebsiteRemoval(
        String siteName,
        boolean ownsSite,
        List<String> applicationPaths,
        List<String> poolNames,
        List<String> autoStartProviderNames,
        List<String> certificateThumbprints,
        Duration stopTimeout) {
    public WebsiteRemoval {
        applicationPaths = List.copyOf(applicationPaths);
        poolNames = List.copyOf(poolNames);
        autoStartProviderNames = List.copyOf(autoStartProviderNames);
        certificateThumbprints = List.copyOf(certificateThumbprints);
        if (stopTimeout != null && stopTimeout.isNegative()) {
            stopTimeout = Duration.ZERO;
        }
    }

    /** A removal in which every pool gets its own {@code shutdownTimeLimit} to stop. */
    public WebsiteRemoval(
            String siteName,
            boolean ownsSite,
            List<String> applicationPaths,
            List<String> poolNames,
            List<String> autoStartProviderNames,
            List<String> certificateThumbprints) {
        this(siteName, ownsSite, applicationPaths, poolNames, autoStartProviderNames, certificateThumbprints, null);
    }

    /** This removal with the pools given at most {@code timeout} to stop (null: their own limits). */
    public WebsiteRemoval withStopTimeout(Duration timeout) {
        return new WebsiteRemoval(
                siteName,
                ownsSite,
                applicationPaths,
                poolNames,
                autoStartProviderNames,
                certificateThumbprints,
                timeout);
    }

    /** How long a pool whose own shutdown limit is {@code poolLimit} gets to stop in this removal. */
    public Duration stopLimit(Duration poolLimit) {
        if (stopTimeout == null) {
            return poolLimit;
        }
        return poolLimit == null || stopTimeout.compareTo(poolLimit) < 0 ? stopTimeout : poolLimit;
    }
}
