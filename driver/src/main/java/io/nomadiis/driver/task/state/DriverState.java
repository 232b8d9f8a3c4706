package io.nomadiis.driver.task.state;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.WebsiteRemoval;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything teardown and recovery of a task need, kept in Nomad's task handle ({@code driver_state}),
 * because after an agent restart Nomad no longer has the task's {@code config} block.
 *
 * @param format where the state came from: {@link #FORMAT_JSON} or a C# plugin format
 * @param taskId the task id
 * @param allocDir the allocation directory
 * @param taskDir the task directory
 * @param websiteName the site
 * @param ownsWebsite false in {@code target_website} mode
 * @param appPools pool alias to full pool name
 * @param defaultPoolAlias the alias of the site's default pool
 * @param applicationPaths the task's applications ({@code /alias}); teardown in a site it does not own removes only
 *     these
 * @param autoStartProviders auto-start provider names the task registered
 * @param managedCertificates thumbprints of certificates this task installed
 * @param bindings the site bindings with resolved ports
 * @param startedAt when the task started
 * @param stdoutPath the task's stdout sink
 * @param stderrPath the task's stderr sink
 * @param logFiles globs of log files forwarded to stdout
 * @param logOffsetsFile where the forwarded log files' read offsets are kept, or empty
 */
public record DriverState(
        String format,
        String taskId,
        String allocDir,
        String taskDir,
        String websiteName,
        boolean ownsWebsite,
        Map<String, String> appPools,
        String defaultPoolAlias,
        List<String> applicationPaths,
        List<String> autoStartProviders,
        List<String> managedCertificates,
        List<BindingSpec> bindings,
        Instant startedAt,
        String stdoutPath,
        String stderrPath,
        List<String> logFiles,
        String logOffsetsFile) {

    /** State written by this plugin. */
    public static final String FORMAT_JSON = "json";
    /** State written by the C# plugin (MessagePack, handle version 1 or 2). */
    public static final String FORMAT_CSHARP = "csharp-msgpack";

    public DriverState {
        appPools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(appPools == null ? Map.of() : appPools));
        applicationPaths = copy(applicationPaths);
        autoStartProviders = copy(autoStartProviders);
        managedCertificates = copy(managedCertificates);
        bindings = copy(bindings);
        logFiles = copy(logFiles);
        stdoutPath = stdoutPath == null ? "" : stdoutPath;
        stderrPath = stderrPath == null ? "" : stderrPath;
        logOffsetsFile = logOffsetsFile == null ? "" : logOffsetsFile;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** What to remove from the host to take the task away. */
    public WebsiteRemoval removal() {
        return new WebsiteRemoval(
                websiteName,
                ownsWebsite,
                ownsWebsite ? List.of() : applicationPaths,
                List.copyOf(appPools.values()),
                autoStartProviders,
                managedCertificates);
    }
}
