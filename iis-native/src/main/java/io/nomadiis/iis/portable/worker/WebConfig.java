package io.nomadiis.iis.portable.worker;

import io.nomadiis.files.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the {@code system.webServer/aspNetCore} element of an application's {@code web.config}
 * (with the JDK's XML parser, DTDs and external entities disabled). A {@code web.config} IIS could not
 * load (not well-formed XML, a DTD, an {@code aspNetCore} element without {@code processPath} or with a
 * non-numeric {@code startupTimeLimit}) is a {@link WebConfigException}: IIS then answers every request
 * of that application with 500.19 (configuration error) and never serves the folder's files.
 * Called on the worker's main thread at start.
 */
final class WebConfig {
    private WebConfig() {}

    /**
     * The ASP.NET Core Module settings of an application.
     *
     * @param processPath the program to start
     * @param arguments its arguments, one command-line string
     * @param environment extra environment variables from {@code environmentVariables}
     * @param startupTimeLimit how long the process may take to listen, or null for the default
     */
    record AspNetCore(
            String processPath, String arguments, Map<String, String> environment, Duration startupTimeLimit) {}

    /** A {@code web.config} IIS would refuse to load; the message names the file and what is wrong. */
    static final class WebConfigException extends Exception {
        WebConfigException(String message) {
            super(message);
        }
    }

    /**
     * The {@code aspNetCore} settings of the folder's {@code web.config}; empty when there is no
     * {@code web.config} or it has no {@code aspNetCore} element.
     *
     * @throws WebConfigException when the file exists but IIS could not load it
     */
    static Optional<AspNetCore> aspNetCore(Path appFolder) throws WebConfigException {
        Optional<Document> document = read(appFolder);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Path file = appFolder.resolve("web.config");
        NodeList elements = document.get().getElementsByTagName("aspNetCore");
        if (elements.getLength() == 0) {
            return Optional.empty();
        }
        Element element = (Element) elements.item(0);
        String processPath = element.getAttribute("processPath");
        if (processPath.isBlank()) {
            throw new WebConfigException(file + ": the aspNetCore element has no processPath (a required attribute)");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        NodeList variables = element.getElementsByTagName("environmentVariable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            environment.put(variable.getAttribute("name"), variable.getAttribute("value"));
        }
        String limit = element.getAttribute("startupTimeLimit");
        Duration startupTimeLimit = null;
        if (!limit.isBlank()) {
            try {
                startupTimeLimit = Duration.ofSeconds(Long.parseLong(limit.trim()));
            } catch (NumberFormatException e) {
                throw new WebConfigException(
                        file + ": startupTimeLimit \"" + limit + "\" is not a whole number of seconds");
            }
        }
        return Optional.of(
                new AspNetCore(processPath, element.getAttribute("arguments"), environment, startupTimeLimit));
    }

    /**
     * Checks that the folder's {@code web.config}, if any, can be loaded (for virtual directories, whose
     * {@code web.config} IIS also reads).
     *
     * @throws WebConfigException when the file exists but IIS could not load it
     */
    static void check(Path folder) throws WebConfigException {
        read(folder);
    }

    private static Optional<Document> read(Path folder) throws WebConfigException {
        Path file = folder.resolve("web.config");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder builder = SafeXml.newParser(false);
            return Optional.of(builder.parse(in));
        } catch (SAXException e) {
            throw new WebConfigException(file + ": not a loadable configuration file: " + e.getMessage());
        } catch (IOException e) {
            throw new WebConfigException(file + ": cannot be read: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }
}
