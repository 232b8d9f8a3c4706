package io.nomadiis.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's semantic version, taken from the Maven project version at build time. */
public final class PluginVersion {

    private static final String VERSION = load();

    private PluginVersion() {}

    /** The version, e.g. {@code 0.1.0}; {@code 0.0.0-dev} when the build resource is missing. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("/nomad-iis-version.properties")) {
            if (in == null) {
                return "0.0.0-dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            return version.isEmpty() || version.startsWith("$") ? "0.0.0-dev" : version;
        } catch (IOException e) {
            return "0.0.0-dev";
        }
    }
}
