package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;
import io.nomadiis.log.LogField;

/**
 * The one write path of the Windows host: plans a change against the configuration as it is now, executes the
 * {@link ConfigPlan} on a fresh {@code WritableAdminManager} and commits once. When a step fails, the manager
 * is dropped without {@code CommitChanges}, so nothing of the plan reaches applicationHost.config; the
 * exception names the step's operation, object and HRESULT. A commit that fails transiently (another process
 * holds applicationHost.config, or another writer changed it on disk; windows-iis.md section 1) is planned
 * again against the fresh configuration and committed again, within the retry's budget.
 *
 * <p>Called by the Windows host with its commit lock held: commits are serialised, nothing else waits on it.
 *
 * <p>Threads: called from the Windows host's callers (gRPC call executor, management API workers) and runs
 * every AHADMIN call on the single COM thread ({@code nomad-iis-com-*}) through {@link AdminCalls}; the caller
 * waits for it.
 */
final class ConfigWriter {
    private static final System.Logger LOG = System.getLogger(ConfigWriter.class.getName());

    /** Plans a change from the configuration as it is now (re-run for each commit attempt). */
    @FunctionalInterface
    interface Planner {
        ConfigPlan plan(AppHostAdmin admin) throws IisException;
    }

    private final AdminCalls calls;
    private final TransientRetry retry;

    ConfigWriter(AdminCalls calls, TransientRetry retry) {
        this.calls = calls;
        this.retry = retry;
    }

    /** Applies a fixed plan and commits; nothing is committed on failure. */
    void apply(ConfigPlan plan) throws IisException {
        apply(plan.operation(), admin -> plan);
    }

    /** Plans, applies and commits, re-planning on a transient commit failure; nothing is committed on failure. */
    void apply(String operation, Planner planner) throws IisException {
        retry.run(() -> calls.call(operation, "", admin -> {
            ConfigPlan plan = planner.plan(admin);
            if (plan.isEmpty()) {
                return null;
            }
            if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "applying a configuration change",
                        LogField.of("operation", plan.operation()),
                        LogField.of("steps", String.join("; ", plan.describe())));
            }
            AppHostAdmin.Writable manager = admin.writable();
            for (ConfigStep step : plan.steps()) {
                apply(manager, step);
            }
            try {
                manager.commit();
            } catch (AppHostException e) {
                throw AdminFailures.translate("commit configuration for", plan.operation(), e, HResults.Call.COMMIT);
            }
            return null;
        }));
    }

    private static void apply(AppHostAdmin.Writable manager, ConfigStep step) throws IisException {
        String object = StepNames.object(step);
        try {
            AppHostCollection collection = collection(manager, step.target());
            if (collection == null) {
                if (step instanceof ConfigStep.Delete) {
                    return;
                }
                throw new IisException("failed to " + StepNames.operation(step) + " \"" + object + "\": site \""
                        + step.target().siteName() + "\" does not exist");
            }
            if (step instanceof ConfigStep.Add add) {
                Elements.add(collection, add.element());
            } else if (step instanceof ConfigStep.Upsert upsert) {
                String key = ComValues.toText(upsert.element().attribute(upsert.keyAttribute()));
                AppHostElement existing = Elements.find(collection, upsert.keyAttribute(), key);
                if (existing == null) {
                    Elements.add(collection, upsert.element());
                } else {
                    for (ConfigAttribute attribute : upsert.element().attributes()) {
                        Elements.set(existing, attribute);
                    }
                }
            } else if (step instanceof ConfigStep.Delete delete) {
                int index = Elements.indexOf(collection, delete.keyAttribute(), delete.keyValue());
                if (index >= 0) {
                    collection.delete(index);
                }
            }
        } catch (AppHostException e) {
            throw AdminFailures.translate(StepNames.operation(step), object, e);
        }
    }

    /** The collection a step works on, or null when the named site does not exist. */
    private static AppHostCollection collection(AppHostAdmin.Writable manager, ConfigStep.CollectionRef target) {
        AppHostCollection section = manager.section(target.section()).collection();
        if (target.siteName() == null) {
            return section;
        }
        AppHostElement site = Elements.find(section, "name", target.siteName());
        return site == null ? null : site.collection();
    }
}
