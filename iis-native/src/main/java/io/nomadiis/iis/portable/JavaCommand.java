package io.nomadiis.iis.portable;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command lines for the portable host's own JVMs (the service and the pool workers): the running
 * JDK's {@code java} binary, this process's class path, lean memory flags, and {@code setsid} in
 * front where it exists so a process runs in its own session.
 */
public final class JavaCommand {
    /** Flags for small, quick-starting JVMs. */
    public static final List<String> LEAN_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-Xss256k",
            "-XX:ReservedCodeCacheSize=24m",
            "-XX:MaxMetaspaceSize=64m",
            "-Xshare:auto",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Djdk.httpclient.allowRestrictedHeaders=host");

    private JavaCommand() {}

    /** {@code <java.home>/bin/java}. */
    public static String javaBinary() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString();
    }

    /** The class path that holds this package and its dependencies. */
    public static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isBlank()) {
            return cp;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(
                JavaCommand.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException | NullPointerException e) {
                // no code source: nothing to add
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Identifies the code this JVM runs: a hash of the class path entries with their sizes and
     * modification times. A service whose build differs from the plugin's (the plugin was upgraded)
     * is asked to hand over to a new one.
     */
    public static String buildId() {
        StringBuilder text = new StringBuilder();
        for (String entry : classPath().split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            File file = new File(entry);
            text.append(entry)
                    .append('|')
                    .append(file.length())
                    .append('|')
                    .append(file.lastModified())
                    .append('\n');
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code setsid} binary, if this system has one. */
    public static List<String> setsidPrefix() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return List.of(candidate);
            }
        }
        return List.of();
    }

    /** {@code java <flags> -cp <cp> <mainClass> <args>}. */
    public static List<String> java(List<String> flags, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The null device, to give a child process an empty standard input. */
    public static File nullDevice() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new File(windows ? "NUL" : "/dev/null");
    }
}
