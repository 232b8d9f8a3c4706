package io.nomadiis.driver.task.plan;

import io.nomadiis.driver.task.DriverException;

/**
 * Names of the IIS objects a task creates: the site {@code nomad-<allocId>-<taskName>}, its default
 * pool of the same name and further pools {@code <site>-<alias>}. Characters IIS forbids in names and
 * whitespace become {@code _}; a name longer than {@value #MAX_LENGTH} characters is an error (never
 * truncated, so two tasks can never share a name).
 */
public final class IisNames {

    /** The longest site or pool name the driver creates. */
    public static final int MAX_LENGTH = 64;
    /** The prefix of every object the driver owns. */
    public static final String PREFIX = "nomad-";
    /** The alias of the pool that gets the site's name. */
    public static final String DEFAULT_POOL = "default";

    private static final String FORBIDDEN = "\\/?;:@&=+$,|\"<>*'%#[]{}";

    private IisNames() {}

    /** The site name of a task. */
    public static String siteName(String allocId, String taskName) throws DriverException {
        return checked("website", sanitize(PREFIX + allocId + "-" + taskName));
    }

    /** The pool name of a task's pool with that alias. */
    public static String poolName(String allocId, String taskName, String alias) throws DriverException {
        String base = PREFIX + allocId + "-" + taskName;
        String name = DEFAULT_POOL.equals(alias) ? base : base + "-" + alias;
        return checked("application pool", sanitize(name));
    }

    /** Replaces characters IIS does not allow in names, and whitespace, with {@code _}. */
    public static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean bad = Character.isWhitespace(c) || Character.isISOControl(c) || FORBIDDEN.indexOf(c) >= 0;
            out.append(bad ? '_' : c);
        }
        return out.toString();
    }

    private static String checked(String kind, String name) throws DriverException {
        if (name.length() > MAX_LENGTH) {
            int over = name.length() - MAX_LENGTH;
            throw DriverException.invalid(kind + " name \"" + name + "\" is " + name.length()
                    + " characters long, more than the " + MAX_LENGTH + " IIS allows: shorten your task name by "
                    + over + " character" + (over == 1 ? "" : "s"));
        }
        return name;
    }
}
