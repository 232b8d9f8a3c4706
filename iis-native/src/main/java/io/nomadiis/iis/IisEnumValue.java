package io.nomadiis.iis;

/** A Java enum that stands for one IIS schema enum; {@link #iisName()} is the value's name in IIS's schema. */
public interface IisEnumValue {
    /** The name IIS's schema gives this value, e.g. {@code AlwaysRunning}. */
    String iisName();
}
