package io.nomadiis.driver.task.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.WebsiteRemoval;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything teardown and recovery of a task need, kept in Nomad's task handle ({@code driver_state}),
 * because after an agent restart Nomad no longer has the task's {@code config} block. Immutable; built by
 * name through {@link #builder()} (or {@link #toBuilder()}), so no two of its many strings can be swapped.
 *
 * <p>It is also the handle version 3 JSON ({@link DriverStateCodec}): the fields serialise in the declared
 * {@link JsonPropertyOrder}, which is part of the format (pinned by a fixture test).
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({
    "format",
    "taskId",
    "allocDir",
    "taskDir",
    "websiteName",
    "ownsWebsite",
    "appPools",
    "defaultPoolAlias",
    "applicationPaths",
    "autoStartProviders",
    "managedCertificates",
    "bindings",
    "startedAt",
    "stdoutPath",
    "stderrPath",
    "logFiles",
    "logOffsetsFile"
})
@JsonDeserialize(builder = DriverState.Builder.class)
public final class DriverState {

    /** State written by this plugin. */
    public static final String FORMAT_JSON = "json";
    /** State written by the C# plugin (MessagePack, handle version 1 or 2). */
    public static final String FORMAT_CSHARP = "csharp-msgpack";

    private final String format;
    private final String taskId;
    private final String allocDir;
    private final String taskDir;
    private final String websiteName;
    private final boolean ownsWebsite;
    private final Map<String, String> appPools;
    private final String defaultPoolAlias;
    private final List<String> applicationPaths;
    private final List<String> autoStartProviders;
    private final List<String> managedCertificates;
    private final List<BindingSpec> bindings;
    private final Instant startedAt;
    private final String stdoutPath;
    private final String stderrPath;
    private final List<String> logFiles;
    private final String logOffsetsFile;

    private DriverState(Builder b) {
        this.format = b.format;
        this.taskId = b.taskId;
        this.allocDir = b.allocDir;
        this.taskDir = b.taskDir;
        this.websiteName = b.websiteName;
        this.ownsWebsite = b.ownsWebsite;
        this.appPools = Collections.unmodifiableMap(new LinkedHashMap<>(b.appPools == null ? Map.of() : b.appPools));
        this.defaultPoolAlias = b.defaultPoolAlias;
        this.applicationPaths = copy(b.applicationPaths);
        this.autoStartProviders = copy(b.autoStartProviders);
        this.managedCertificates = copy(b.managedCertificates);
        this.bindings = copy(b.bindings);
        this.startedAt = b.startedAt;
        this.stdoutPath = b.stdoutPath == null ? "" : b.stdoutPath;
        this.stderrPath = b.stderrPath == null ? "" : b.stderrPath;
        this.logFiles = copy(b.logFiles);
        this.logOffsetsFile = b.logOffsetsFile == null ? "" : b.logOffsetsFile;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this state's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .format(format)
                .taskId(taskId)
                .allocDir(allocDir)
                .taskDir(taskDir)
                .websiteName(websiteName)
                .ownsWebsite(ownsWebsite)
                .appPools(appPools)
                .defaultPoolAlias(defaultPoolAlias)
                .applicationPaths(applicationPaths)
                .autoStartProviders(autoStartProviders)
                .managedCertificates(managedCertificates)
                .bindings(bindings)
                .startedAt(startedAt)
                .stdoutPath(stdoutPath)
                .stderrPath(stderrPath)
                .logFiles(logFiles)
                .logOffsetsFile(logOffsetsFile);
    }

    /** Where the state came from: {@link #FORMAT_JSON} or {@link #FORMAT_CSHARP}. */
    public String format() {
        return format;
    }

    /** The task id. */
    public String taskId() {
        return taskId;
    }

    /** The allocation directory. */
    public String allocDir() {
        return allocDir;
    }

    /** The task directory. */
    public String taskDir() {
        return taskDir;
    }

    /** The site. */
    public String websiteName() {
        return websiteName;
    }

    /** False in {@code target_website} mode (the task only added applications to an existing site). */
    public boolean ownsWebsite() {
        return ownsWebsite;
    }

    /** Pool alias to full pool name, in declaration order. */
    public Map<String, String> appPools() {
        return appPools;
    }

    /** The alias of the site's default pool. */
    public String defaultPoolAlias() {
        return defaultPoolAlias;
    }

    /** The task's applications ({@code /alias}); teardown in a site it does not own removes only these. */
    public List<String> applicationPaths() {
        return applicationPaths;
    }

    /** Auto-start provider names the task registered. */
    public List<String> autoStartProviders() {
        return autoStartProviders;
    }

    /** Thumbprints of certificates this task installed. */
    public List<String> managedCertificates() {
        return managedCertificates;
    }

    /** The site bindings with resolved ports. */
    public List<BindingSpec> bindings() {
        return bindings;
    }

    /** When the task started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The task's stdout sink, or empty. */
    public String stdoutPath() {
        return stdoutPath;
    }

    /** The task's stderr sink, or empty. */
    public String stderrPath() {
        return stderrPath;
    }

    /** Globs of log files forwarded to stdout. */
    public List<String> logFiles() {
        return logFiles;
    }

    /** Where the forwarded log files' read offsets are kept, or empty. */
    public String logOffsetsFile() {
        return logOffsetsFile;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverState s
                && ownsWebsite == s.ownsWebsite
                && Objects.equals(format, s.format)
                && Objects.equals(taskId, s.taskId)
                && Objects.equals(allocDir, s.allocDir)
                && Objects.equals(taskDir, s.taskDir)
                && Objects.equals(websiteName, s.websiteName)
                && appPools.equals(s.appPools)
                && Objects.equals(defaultPoolAlias, s.defaultPoolAlias)
                && applicationPaths.equals(s.applicationPaths)
                && autoStartProviders.equals(s.autoStartProviders)
                && managedCertificates.equals(s.managedCertificates)
                && bindings.equals(s.bindings)
                && Objects.equals(startedAt, s.startedAt)
                && stdoutPath.equals(s.stdoutPath)
                && stderrPath.equals(s.stderrPath)
                && logFiles.equals(s.logFiles)
                && logOffsetsFile.equals(s.logOffsetsFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                format,
                taskId,
                allocDir,
                taskDir,
                websiteName,
                ownsWebsite,
                appPools,
                defaultPoolAlias,
                applicationPaths,
                autoStartProviders,
                managedCertificates,
                bindings,
                startedAt,
                stdoutPath,
                stderrPath,
                logFiles,
                logOffsetsFile);
    }

    @Override
    public String toString() {
        return "DriverState[format=" + format + ", taskId=" + taskId + ", websiteName=" + websiteName
                + ", ownsWebsite=" + ownsWebsite + ", appPools=" + appPools + ", applicationPaths=" + applicationPaths
                + ", startedAt=" + startedAt + "]";
    }

    /**
     * Builds a {@link DriverState} by name; unset lists and maps are empty, unset sink paths empty strings.
     * Also the JSON reader's builder (unknown fields are ignored by the codec).
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String format;
        private String taskId;
        private String allocDir;
        private String taskDir;
        private String websiteName;
        private boolean ownsWebsite;
        private Map<String, String> appPools;
        private String defaultPoolAlias;
        private List<String> applicationPaths;
        private List<String> autoStartProviders;
        private List<String> managedCertificates;
        private List<BindingSpec> bindings;
        private Instant startedAt;
        private String stdoutPath;
        private String stderrPath;
        private List<String> logFiles;
        private String logOffsetsFile;

        private Builder() {}

        /** {@link DriverState#FORMAT_JSON} or {@link DriverState#FORMAT_CSHARP}. */
        public Builder format(String value) {
            this.format = value;
            return this;
        }

        public Builder taskId(String value) {
            this.taskId = value;
            return this;
        }

        public Builder allocDir(String value) {
            this.allocDir = value;
            return this;
        }

        public Builder taskDir(String value) {
            this.taskDir = value;
            return this;
        }

        public Builder websiteName(String value) {
            this.websiteName = value;
            return this;
        }

        public Builder ownsWebsite(boolean value) {
            this.ownsWebsite = value;
            return this;
        }

        public Builder appPools(Map<String, String> value) {
            this.appPools = value;
            return this;
        }

        public Builder defaultPoolAlias(String value) {
            this.defaultPoolAlias = value;
            return this;
        }

        public Builder applicationPaths(List<String> value) {
            this.applicationPaths = value;
            return this;
        }

        public Builder autoStartProviders(List<String> value) {
            this.autoStartProviders = value;
            return this;
        }

        public Builder managedCertificates(List<String> value) {
            this.managedCertificates = value;
            return this;
        }

        public Builder bindings(List<BindingSpec> value) {
            this.bindings = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            this.startedAt = value;
            return this;
        }

        public Builder stdoutPath(String value) {
            this.stdoutPath = value;
            return this;
        }

        public Builder stderrPath(String value) {
            this.stderrPath = value;
            return this;
        }

        public Builder logFiles(List<String> value) {
            this.logFiles = value;
            return this;
        }

        public Builder logOffsetsFile(String value) {
            this.logOffsetsFile = value;
            return this;
        }

        /** The state. */
        public DriverState build() {
            return new DriverState(this);
        }
    }
}
