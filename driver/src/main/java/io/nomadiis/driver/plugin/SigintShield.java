package io.nomadiis.driver.plugin;

import sun.misc.Signal;

/**
 * Makes the JVM ignore SIGINT as go-plugin servers do: a Ctrl-C in the agent's terminal reaches the
 * whole process group, and the agent, not the terminal, decides when its plugins stop. A no-op Java
 * handler is installed rather than SIG_IGN so child processes do not inherit an ignored SIGINT.
 */
public final class SigintShield {

    private static final System.Logger LOG = System.getLogger(SigintShield.class.getName());

    private SigintShield() {
    }

    /** Installs the handler; logs at debug when the platform has no SIGINT. */
    public static void install() {
        try {
            Signal.handle(new Signal("INT"),
                    signal -> LOG.log(System.Logger.Level.DEBUG, "ignoring SIGINT: Nomad stops this plugin"));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot ignore SIGINT on this platform: " + e.getMessage());
        }
    }
}
