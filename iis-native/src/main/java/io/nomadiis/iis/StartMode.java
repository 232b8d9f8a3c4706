package io.nomadiis.iis;

/** {@code startMode} of an app pool. */
public enum StartMode {
    ON_DEMAND("OnDemand"),
    ALWAYS_RUNNING("AlwaysRunning");

    private final String iisName;

    StartMode(String iisName) {
        this.iisName = iisName;
    }

    public String iisName() {
        return iisName;
    }
}
