package io.nomadiis.iis.portable.worker;

import io.nomadiis.build.SuppressForbidden;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the {@code system.webServer/aspNetCore} element of an application's {@code web.config}
 * (with the JDK's XML parser, DTDs and external entities disabled).
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

    /** The {@code aspNetCore} settings of the folder's {@code web.config}, if it has any. */
    @SuppressForbidden(
            reason = "the pool worker is its own process; its stderr is the pool log the portable service appends to")
    static Optional<AspNetCore> aspNetCore(Path appFolder) {
        Path file = appFolder.resolve("web.config");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList elements = document.getElementsByTagName("aspNetCore");
            if (elements.getLength() == 0) {
                return Optional.empty();
            }
            Element element = (Element) elements.item(0);
            String processPath = element.getAttribute("processPath");
            if (processPath.isBlank()) {
                return Optional.empty();
            }
            Map<String, String> environment = new LinkedHashMap<>();
            NodeList variables = element.getElementsByTagName("environmentVariable");
            for (int i = 0; i < variables.getLength(); i++) {
                Element variable = (Element) variables.item(i);
                environment.put(variable.getAttribute("name"), variable.getAttribute("value"));
            }
            String limit = element.getAttribute("startupTimeLimit");
            return Optional.of(new AspNetCore(
                    processPath,
                    element.getAttribute("arguments"),
                    environment,
                    limit.isBlank() ? null : Duration.ofSeconds(Long.parseLong(limit.trim()))));
        } catch (Exception e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
