package io.nomadiis.iis.windows;

import io.nomadiis.iis.windows.AhAdmin.Element;
import io.nomadiis.iis.windows.AhAdmin.ElementCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small operations on AHADMIN elements shared by the writer and the reader: walking child elements,
 * reading and setting attributes, finding collection entries by key, adding planned elements, running
 * runtime methods. Must run on the {@link ComCallThread}.
 */
final class Elements {
    private Elements() {}

    /** The child element at a dotted path ({@code recycling.periodicRestart}); the element itself for an empty path. */
    static Element child(Element element, String[] path) {
        Element current = element;
        for (String name : path) {
            current = current.getChildElements().getItem(name);
        }
        return current;
    }

    /** The child element at a dotted path given as text; empty means the element itself. */
    static Element child(Element element, String dottedPath) {
        return dottedPath.isEmpty() ? element : child(element, dottedPath.split("\\."));
    }

    /** An attribute's value (may be null). */
    static Object get(Element element, String attribute) {
        return element.getPropertyByName(attribute).getValue();
    }

    /** An attribute's value as text ({@code ""} when null). */
    static String text(Element element, String attribute) {
        return ComValues.toText(get(element, attribute));
    }

    /** Sets one planned attribute, walking to its child element first. */
    static void set(Element element, ConfigAttribute attribute) {
        child(element, attribute.elementPath())
                .getPropertyByName(attribute.attributeName())
                .setValue(attribute.value());
    }

    /** All entries of a collection. */
    static List<Element> list(ElementCollection collection) {
        int count = (int) ComValues.toLong(collection.getCount(), 0);
        List<Element> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(collection.getItem(i));
        }
        return items;
    }

    /** The index of the entry whose {@code key} attribute equals {@code value} case-insensitively, or -1. */
    static int indexOf(ElementCollection collection, String key, String value) {
        int count = (int) ComValues.toLong(collection.getCount(), 0);
        for (int i = 0; i < count; i++) {
            if (text(collection.getItem(i), key).equalsIgnoreCase(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The entry whose {@code key} attribute equals {@code value}, or null. */
    static Element find(ElementCollection collection, String key, String value) {
        int index = indexOf(collection, key, value);
        return index < 0 ? null : collection.getItem(index);
    }

    /** Creates a planned element with its attributes and child collections and adds it to the collection. */
    static void add(ElementCollection collection, ConfigElement planned) {
        Element element = collection.createNewElement(planned.elementName());
        for (ConfigAttribute attribute : planned.attributes()) {
            set(element, attribute);
        }
        for (ConfigElement.Collection children : planned.collections()) {
            ElementCollection target = child(element, children.childPath()).getCollection();
            for (ConfigElement child : children.elements()) {
                add(target, child);
            }
        }
        collection.addElement(element);
    }

    /** Runs a runtime method ({@code Start}, {@code Stop}, {@code Recycle}, {@code AddSslCertificate}) with inputs. */
    static void execute(Element element, String method, Map<String, Object> inputs) {
        AhAdmin.MethodInstance instance = element.getMethods().getItem(method).createInstance();
        if (!inputs.isEmpty()) {
            Element input = instance.getInput();
            inputs.forEach((name, value) -> input.getPropertyByName(name).setValue(value));
        }
        instance.execute();
    }
}
