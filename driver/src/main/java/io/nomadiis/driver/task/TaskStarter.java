package io.nomadiis.driver.task;

import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.task.plan.DeploymentPlanner;
import io.nomadiis.driver.task.plan.PlannedBinding;
import io.nomadiis.driver.task.plan.TaskFilesystem;
import io.nomadiis.driver.task.plan.TaskPlan;
import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The StartTask flow: decode, plan, prepare the task directory, install certificates, deploy. A failure
 * removes the certificates this start installed (the host's deploy is all or nothing) and is classified:
 * bad config, retryable host failure, or other failure.
 *
 * <p>Threads: called from gRPC call executor threads ({@code grpc-call-*}), one StartTask per task, several
 * tasks at once; it waits on host calls, which is allowed there and never happens on an event loop.
 */
final class TaskStarter {
    private static final System.Logger LOG = System.getLogger(TaskStarter.class.getName());

    private final Supplier<IisHost> host;
    private final TaskConfigParser decoder;
    private final DriverSettings settings;
    private final TaskEventBus events;

    TaskStarter(Supplier<IisHost> host, TaskConfigParser decoder, DriverSettings settings, TaskEventBus events) {
        this.host = host;
        this.decoder = decoder;
        this.settings = settings;
        this.events = events;
    }

    /** Deploys the task and returns its (not yet registered) handle. */
    RunningTask start(TaskRequest request, PluginConfig config) throws DriverException {
        IisTaskConfig taskConfig = decoder.decode(request.driverConfig());
        TaskPlan plan = new DeploymentPlanner(config, settings.pluginEnv(), host.get()::site).plan(taskConfig, request);
        try {
            TaskFilesystem.prepare(plan, config.placeholderAppPath());
        } catch (IOException e) {
            throw new DriverException(
                    DriverException.Kind.FAILED,
                    "failed to prepare task directory " + plan.taskDir() + ": " + e.getMessage(),
                    e);
        }
        List<String> managed = new ArrayList<>();
        List<String> thumbprints = new ArrayList<>();
        List<BindingSpec> bindings = new ArrayList<>();
        try {
            for (PlannedBinding b : plan.bindings()) {
                String thumbprint = b.certificate() == null ? null : certificate(b.certificate(), managed, request);
                thumbprints.add(thumbprint);
                bindings.add(b.withThumbprint(thumbprint));
            }
            String replaced = LeftoverObjects.replace(host.get(), plan);
            if (replaced != null) {
                events.publish(TaskEvent.of(
                        request.identity(), "Replaced what an earlier start of this task left behind: " + replaced));
            }
            host.get().deploy(plan.deployment(thumbprints));
        } catch (IisException e) {
            removeCertificates(plan.siteName(), managed);
            throw new DriverException(
                    e.retryable() ? DriverException.Kind.RECOVERABLE : DriverException.Kind.FAILED,
                    "failed to start task " + request.identity().taskName() + ": " + e.getMessage(),
                    e);
        } catch (DriverException e) {
            removeCertificates(plan.siteName(), managed);
            throw e;
        } catch (RuntimeException e) {
            removeCertificates(plan.siteName(), managed);
            throw new DriverException(
                    DriverException.Kind.FAILED,
                    "failed to start task " + request.identity().taskName() + ": " + e.getMessage(),
                    e);
        }
        for (String pool : plan.droppedPools()) {
            events.publish(TaskEvent.of(
                    request.identity(),
                    "Application pool \"" + pool + "\" is not used by any application and was not created"));
        }
        if (config.directorySecurity()) {
            lockDownDirectories(request, plan, taskConfig.permitIusr());
        }
        DriverState state = DriverState.builder()
                .format(DriverState.FORMAT_JSON)
                .taskId(request.taskId())
                .allocDir(request.allocDir().toAbsolutePath().toString())
                .taskDir(plan.taskDir().toString())
                .websiteName(plan.siteName())
                .ownsWebsite(plan.ownsSite())
                .appPools(plan.poolNames())
                .defaultPoolAlias(plan.defaultPoolAlias())
                .applicationPaths(plan.applicationPaths())
                .autoStartProviders(
                        plan.autoStartProviders().stream().map(p -> p.name()).toList())
                .managedCertificates(managed)
                .bindings(bindings)
                .startedAt(Instant.now())
                .stdoutPath(request.stdoutPath())
                .stderrPath(request.stderrPath())
                .logFiles(plan.logFiles())
                .logOffsetsFile(
                        plan.logFiles().isEmpty() ? "" : offsetsFile(request).toString())
                .build();
        return new RunningTask(request, state, false, bindings);
    }

    /**
     * Applies {@code directory_security} once the site runs. As in the C# plugin a failure is a task event,
     * not a failed start: the site is up, only its folders keep their inherited access rules.
     */
    private void lockDownDirectories(TaskRequest request, TaskPlan plan, boolean permitIusr) {
        try {
            host.get()
                    .lockDownDirectories(new DirectoryLockdown(
                            request.allocDir(), request.identity().taskName(), plan.pools(), permitIusr));
        } catch (IisException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "directory_security not applied",
                    LogField.allocId(request.identity().allocId()),
                    LogField.taskName(request.identity().taskName()),
                    LogField.path(plan.taskDir()),
                    LogField.error(e.getMessage()));
            events.publish(TaskEvent.of(
                    request.identity(), "Error: directory_security could not be applied: " + e.getMessage()));
        }
    }

    /** Where the log offsets of a task live. */
    Path offsetsFile(TaskRequest request) {
        String name =
                (request.identity().allocId() + "-" + request.identity().taskName()).replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".json";
        return settings.stateDir().resolve("log-offsets").resolve(name);
    }

    private String certificate(CertificateSpec spec, List<String> managed, TaskRequest request)
            throws IisException, DriverException {
        if (spec.thumbprint() != null) {
            if (!host.get().certificateExists(spec.thumbprint())) {
                throw DriverException.invalid(
                        "certificate thumbprint " + spec.thumbprint() + " is not installed on this node");
            }
            return spec.thumbprint();
        }
        requireFile("certificate.pfx_file", spec.pfxFile());
        requireFile("certificate.cert_file", spec.certFile());
        requireFile("certificate.key_file", spec.keyFile());
        InstalledCertificate installed = host.get().installCertificate(spec);
        if (installed.managed() && !managed.contains(installed.thumbprint())) {
            managed.add(installed.thumbprint());
            events.publish(TaskEvent.of(request.identity(), "Installed certificate: " + installed.thumbprint()));
        }
        return installed.thumbprint();
    }

    private static void requireFile(String what, Path file) throws DriverException {
        if (file == null) {
            return;
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw DriverException.invalid(what + " " + file + " does not exist or is empty");
            }
        } catch (IOException e) {
            throw DriverException.invalid(what + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private void removeCertificates(String siteName, List<String> managed) {
        if (managed.isEmpty()) {
            return;
        }
        try {
            host.get().remove(new WebsiteRemoval(siteName, false, List.of(), List.of(), List.of(), managed));
        } catch (IisException e) {
            System.getLogger(TaskStarter.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "failed to remove certificates after a failed start",
                            LogField.site(siteName),
                            LogField.error(e.getMessage()));
        }
    }
}
