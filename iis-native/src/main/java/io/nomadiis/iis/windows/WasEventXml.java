package io.nomadiis.iis.windows;

import io.nomadiis.files.SafeXml;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the pool-stopping WAS events out of {@code wevtutil qe System /f:xml} output: one {@code <Event>} element
 * per event in the event schema's namespace, one after the other with no enclosing root element (Microsoft, "Event
 * Schema": {@code System/Provider/@Name}, {@code System/EventID}, {@code System/TimeCreated/@SystemTime} (UTC,
 * "TimeCreated (SystemPropertiesType) Element"), {@code EventData/Data}). The pool is the first {@code Data}
 * element, insertion string %1 of WAS's messages ({@link WasEvent}). Events of another provider, of an ID that
 * does not stop a pool, or missing a field are skipped; output that is not XML gives no events. Pure: no I/O.
 */
final class WasEventXml {
    static final String PROVIDER = "Microsoft-Windows-WAS";

    private WasEventXml() {}

    /** The pool-stopping WAS events in the output, in its order; empty when it cannot be parsed. */
    static List<WasEvent> parse(String output) {
        if (output == null || output.isBlank()) {
            return List.of();
        }
        String events = output.replaceAll("<\\?xml[^>]*\\?>", "").strip();
        Document document;
        try {
            var builder = SafeXml.newParser(true);
            document = builder.parse(new InputSource(new StringReader("<Events>" + events + "</Events>")));
        } catch (SAXException | IOException e) {
            return List.of();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
        List<WasEvent> result = new ArrayList<>();
        NodeList nodes = document.getDocumentElement().getElementsByTagNameNS("*", "Event");
        for (int i = 0; i < nodes.getLength(); i++) {
            WasEvent event = event((Element) nodes.item(i));
            if (event != null) {
                result.add(event);
            }
        }
        return result;
    }

    private static WasEvent event(Element event) {
        Element provider = first(event, "Provider");
        if (provider == null || !PROVIDER.equalsIgnoreCase(provider.getAttribute("Name"))) {
            return null;
        }
        Element idElement = first(event, "EventID");
        Element created = first(event, "TimeCreated");
        Element data = first(event, "Data");
        if (idElement == null || created == null || data == null) {
            return null;
        }
        int id;
        try {
            id = Integer.parseInt(idElement.getTextContent().strip());
        } catch (NumberFormatException e) {
            return null;
        }
        Instant time = time(created.getAttribute("SystemTime"));
        String pool = data.getTextContent().strip();
        if (!WasEvent.POOL_STOPPED.containsKey(id) || time == null || pool.isEmpty()) {
            return null;
        }
        return new WasEvent(id, time, pool);
    }

    private static Element first(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    /** {@code SystemTime} is UTC with up to 9 fraction digits and a {@code Z}; one without a zone is read as UTC. */
    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
