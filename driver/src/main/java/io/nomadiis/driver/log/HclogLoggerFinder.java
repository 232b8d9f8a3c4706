package io.nomadiis.driver.log;

/**
 * The JDK platform-logging entry point of the plugin (registered in
 * {@code META-INF/services/java.lang.System$LoggerFinder}): every {@code System.getLogger(name)}
 * returns a logger writing hclog JSON lines to stderr through {@link HclogSink#global()}.
 */
public final class HclogLoggerFinder extends System.LoggerFinder {

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new HclogLogger(name, HclogSink.global());
    }
}
