package io.nomadiis.iis.windows;

import java.util.Map;

/**
 * An AHADMIN {@code IAppHostElement} as the Windows host uses it: attributes by name, named child elements,
 * the element's own collection and its (RSCA) methods. Implemented over COM ({@link ComAppHost}) and, for
 * tests, by an in-memory model of AHADMIN. Every call may throw {@link AppHostException}; an element is used
 * only inside the {@link AdminCalls} call that obtained it.
 */
public interface AppHostElement {
    /** The element name ({@code add}, {@code site}, {@code binding}, ...). */
    String name();

    /** An attribute's value ({@code IAppHostProperty.Value}): String, Boolean, Number or null. */
    Object get(String attribute);

    /** Sets an attribute's value. */
    void set(String attribute, Object value);

    /** A named child element ({@code ChildElements.Item(name)}, or {@code GetElementByName}). */
    AppHostElement child(String name);

    /** The element's own collection ({@code IAppHostElement.Collection}). */
    AppHostCollection collection();

    /**
     * Runs a method ({@code Methods.Item(method).CreateInstance()}, inputs set, {@code Execute()}): the RSCA
     * runtime methods {@code Start}, {@code Stop}, {@code Recycle}, {@code AddSslCertificate},
     * {@code RemoveSslCertificate}.
     */
    void execute(String method, Map<String, Object> inputs);
}
