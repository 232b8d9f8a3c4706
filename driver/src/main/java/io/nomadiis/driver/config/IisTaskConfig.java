package io.nomadiis.driver.config;

import java.util.List;

/**
 * A task's {@code config { ... }} block, decoded and validated.
 *
 * @param applicationPools declared pools ({@code application_pool} and the deprecated {@code applicationPool}
 *                         concatenated), with an implicit {@code default} pool added when none is named so
 * @param applications at least one application
 * @param targetWebsite existing site to deploy applications into, or null
 * @param permitIusr whether IUSR gets access to the task's {@code local} dir
 * @param bindings at most 64 bindings
 * @param serviceAutoStartProviders global auto-start providers the task registers
 * @param logFiles globs (relative to the task dir) of log files forwarded to the task's stdout; ours, not the C#
 *     plugin's
 * @param iisLog whether the site's W3C request log is written under the task dir ({@code logs/iis}) and
 *     forwarded like {@code log_files}; ours, not the C# plugin's
 */
public record IisTaskConfig(
        List<AppPoolConfig> applicationPools,
        List<ApplicationConfig> applications,
        String targetWebsite,
        boolean permitIusr,
        List<BindingConfig> bindings,
        List<AutoStartProviderConfig> serviceAutoStartProviders,
        List<String> logFiles,
        boolean iisLog) {
    public IisTaskConfig {
        applicationPools = List.copyOf(applicationPools);
        applications = List.copyOf(applications);
        bindings = List.copyOf(bindings);
        serviceAutoStartProviders = List.copyOf(serviceAutoStartProviders);
        logFiles = List.copyOf(logFiles);
    }

    /** A task config without {@code iis_log}. */
    public IisTaskConfig(
            List<AppPoolConfig> applicationPools,
            List<ApplicationConfig> applications,
            String targetWebsite,
            boolean permitIusr,
            List<BindingConfig> bindings,
            List<AutoStartProviderConfig> serviceAutoStartProviders,
            List<String> logFiles) {
        this(
                applicationPools,
                applications,
                targetWebsite,
                permitIusr,
                bindings,
                serviceAutoStartProviders,
                logFiles,
                false);
    }
}
