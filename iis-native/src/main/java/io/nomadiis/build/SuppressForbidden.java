package io.nomadiis.build;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts one class, method, constructor or field from the forbidden-apis build check (root pom, plugin
 * {@code de.thetaphi:forbiddenapis}). Use it only where the forbidden call is the point, and say why in
 * {@link #reason()}: e.g. the go-plugin handshake, which must be written to the real stdout. It lives in
 * the lowest module so every module can use it; it has no effect at run time.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
    /** Why the forbidden call is right here. */
    String reason();
}
