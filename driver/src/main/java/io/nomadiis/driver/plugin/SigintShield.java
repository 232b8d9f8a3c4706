package io.nomadiis.driver.plugin;

import io.nomadiis.log.LogField;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes the JVM ignore SIGINT as go-plugin servers do: a Ctrl-C in the agent's terminal reaches the
 * whole process group, and the agent, not the terminal, decides when its plugins stop. A no-op Java
 * handler is installed rather than SIG_IGN so child processes do not inherit an ignored SIGINT.
 */
public final class SigintShield {

    private static final System.Logger LOG = System.getLogger(SigintShield.class.getName());

    private SigintShield() {}

    /** Logs and otherwise ignores the signal (a class, not a lambda: no lambda linkage before the handshake). */
    private static final class Ignore implements SignalHandler {
        @Override
        public void handle(Signal signal) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring SIGINT: Nomad stops this plugin");
        }
    }

    /** Installs the handler; logs at debug when the platform has no SIGINT. */
    public static void install() {
        try {
            Signal.handle(new Signal("INT"), new Ignore());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot ignore SIGINT on this platform", LogField.error(e.getMessage()));
        }
    }
}
