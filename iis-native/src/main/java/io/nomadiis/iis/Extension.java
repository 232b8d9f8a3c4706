package io.nomadiis.iis;

/**
 * An arbitrary IIS schema attribute set as a string on a pool, application or virtual directory element.
 *
 * @param name the attribute name, e.g. {@code passAnonymousToken}
 * @param value the attribute value as text
 */
public record Extension(String name, String value) {}
