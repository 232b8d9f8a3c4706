package io.nomadiis.iis.windows;

import java.util.List;

/**
 * An element to create in an AHADMIN collection: its attributes, then its child collections, in the
 * order the COM layer sets them.
 *
 * @param elementName the collection's add-element name ({@code add}, {@code site}, {@code application}, ...)
 * @param attributes assignments, in order
 * @param collections elements to add to child collections of the new element
 */
public record ConfigElement(String elementName, List<ConfigAttribute> attributes, List<Collection> collections) {
    public ConfigElement {
        attributes = List.copyOf(attributes);
        collections = List.copyOf(collections);
    }

    /**
     * Elements added to a collection below an element.
     *
     * @param childPath the dotted child-element path holding the collection ({@code bindings},
     *                  {@code environmentVariables}), or empty for the element's own collection
     *                  (a site's applications, an application's virtual directories)
     * @param elements what to add, in order
     */
    public record Collection(String childPath, List<ConfigElement> elements) {
        public Collection {
            elements = List.copyOf(elements);
        }
    }

    /** The value of a top-level attribute of this element, or null. */
    public Object attribute(String path) {
        return attributes.stream()
                .filter(a -> a.path().equals(path))
                .map(ConfigAttribute::value)
                .findFirst()
                .orElse(null);
    }
}
