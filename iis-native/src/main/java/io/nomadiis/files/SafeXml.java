package io.nomadiis.files;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * DOM parsers for XML written by someone else (a workload's {@code web.config}, {@code wevtutil}'s output): no
 * DOCTYPE, no external entities, schemas or XInclude (OWASP XXE prevention for JAXP), and parse errors thrown
 * rather than printed to stderr. Called by any thread; each call makes its own parser.
 */
public final class SafeXml {
    private SafeXml() {}

    /** A new parser with those rules; {@code namespaceAware} as {@link DocumentBuilderFactory} means it. */
    public static DocumentBuilder newParser(boolean namespaceAware) throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(namespaceAware);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler());
        return builder;
    }
}
