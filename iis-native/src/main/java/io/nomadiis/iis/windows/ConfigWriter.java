package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.util.ObjectFactory;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.windows.AhAdmin.Element;
import io.nomadiis.iis.windows.AhAdmin.ElementCollection;

/**
 * The one write path of the Windows host: executes a {@link ConfigPlan} on a fresh
 * {@code WritableAdminManager} and commits once. When a step fails, the manager is dropped without
 * {@code CommitChanges}, so nothing of the plan reaches applicationHost.config; the exception names
 * the step's operation, object and HRESULT.
 */
final class ConfigWriter {
    private static final System.Logger LOG = System.getLogger(ConfigWriter.class.getName());

    private final ComCallThread com;

    ConfigWriter(ComCallThread com) {
        this.com = com;
    }

    /** Applies the plan and commits; nothing is committed on failure. */
    void apply(ConfigPlan plan) throws IisException {
        if (plan.isEmpty()) {
            return;
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, plan.operation() + ": " + String.join("; ", plan.describe()));
        }
        com.call(plan.operation(), "", factory -> {
            AhAdmin.WritableAdminManager manager = factory.createObject(AhAdmin.WritableAdminManager.class);
            manager.setCommitPath(AhAdmin.APPHOST);
            for (ConfigStep step : plan.steps()) {
                apply(factory, manager, step);
            }
            try {
                manager.commitChanges();
            } catch (COMException e) {
                throw ComCallThread.failure("commit configuration for", plan.operation(), e)
                        .toException(e);
            }
            return null;
        });
    }

    private static void apply(ObjectFactory factory, AhAdmin.WritableAdminManager manager, ConfigStep step)
            throws IisException {
        String object = StepNames.object(step);
        try {
            ElementCollection collection = collection(manager, step.target());
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
                Element existing = Elements.find(collection, upsert.keyAttribute(), key);
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
                    collection.deleteElement(index);
                }
            }
        } catch (COMException e) {
            throw ComCallThread.failure(StepNames.operation(step), object, e).toException(e);
        }
    }

    /** The collection a step works on, or null when the named site does not exist. */
    private static ElementCollection collection(AhAdmin.WritableAdminManager manager, ConfigStep.CollectionRef target) {
        ElementCollection section =
                manager.getAdminSection(target.section(), AhAdmin.APPHOST).getCollection();
        if (target.siteName() == null) {
            return section;
        }
        Element site = Elements.find(section, "name", target.siteName());
        return site == null ? null : site.getCollection();
    }
}
