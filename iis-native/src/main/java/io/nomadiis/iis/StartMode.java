package io.nomadiis.iis;

/** {@code startMode} of an app pool. */
public enum StartMode implements IisEnumValue {
    ON_DEMAND("OnDemand"),
    ALWAYS_RUNNING("AlwaysRunning");

    private final String iisName;

    StartMode(String iisName) {
        this.iisName = iisName;
    }

    @Override
    public String iisName() {
        return iisName;
    }
}
