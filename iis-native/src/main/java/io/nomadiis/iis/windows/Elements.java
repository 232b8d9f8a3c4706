package io.nomadiis.iis.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small operations on AHADMIN elements shared by the writer and the reader: walking child elements,
 * reading and setting attributes, finding collection entries by key, adding planned elements, running
 * runtime methods. Runs inside an {@link AdminCalls} call.
 */
final class Elements {
    private Elements() {}

    /** The child element at a dotted path ({@code recycling.periodicRestart}); the element itself for an empty path. */
    static AppHostElement child(AppHostElement element, String[] path) {
        AppHostElement current = element;
        for (String name : path) {
            current = current.child(name);
        }
        return current;
    }

    /** The child element at a dotted path given as text; empty means the element itself. */
    static AppHostElement child(AppHostElement element, String dottedPath) {
        return dottedPath.isEmpty() ? element : child(element, dottedPath.split("\\."));
    }

    /** An attribute's value (may be null). */
    static Object get(AppHostElement element, String attribute) {
        return element.get(attribute);
    }

    /** An attribute's value as text ({@code ""} when null). */
    static String text(AppHostElement element, String attribute) {
        return ComValues.toText(element.get(attribute));
    }

    /** Sets one planned attribute, walking to its child element first. */
    static void set(AppHostElement element, ConfigAttribute attribute) {
        try {
            child(element, attribute.elementPath()).set(attribute.attributeName(), attribute.value());
        } catch (AppHostException e) {
            // name the attribute and the value IIS refused (a secret value stays redacted)
            String description = e.description().isEmpty() ? "" : ": " + e.description();
            throw new AppHostException(e.hresult(), "attribute " + attribute + description, e);
        }
    }

    /** All entries of a collection. */
    static List<AppHostElement> list(AppHostCollection collection) {
        int count = collection.count();
        List<AppHostElement> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(collection.item(i));
        }
        return items;
    }

    /** The index of the entry whose {@code key} attribute equals {@code value} case-insensitively, or -1. */
    static int indexOf(AppHostCollection collection, String key, String value) {
        int count = collection.count();
        for (int i = 0; i < count; i++) {
            if (text(collection.item(i), key).equalsIgnoreCase(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The entry whose {@code key} attribute equals {@code value}, or null. */
    static AppHostElement find(AppHostCollection collection, String key, String value) {
        int index = indexOf(collection, key, value);
        return index < 0 ? null : collection.item(index);
    }

    /** Creates a planned element with its attributes and child collections and adds it to the collection. */
    static void add(AppHostCollection collection, ConfigElement planned) {
        AppHostElement element = collection.createNew(planned.elementName());
        for (ConfigAttribute attribute : planned.attributes()) {
            set(element, attribute);
        }
        for (ConfigElement.Collection children : planned.collections()) {
            AppHostCollection target = child(element, children.childPath()).collection();
            for (ConfigElement child : children.elements()) {
                add(target, child);
            }
        }
        collection.add(element);
    }

    /** Runs a runtime method ({@code Start}, {@code Stop}, {@code Recycle}, {@code AddSslCertificate}) with inputs. */
    static void execute(AppHostElement element, String method, Map<String, Object> inputs) {
        element.execute(method, inputs);
    }
}
