package io.nomadiis.iis;

/** {@code managedPipelineMode} of an app pool. */
public enum PipelineMode {
    INTEGRATED("Integrated"),
    CLASSIC("Classic");

    private final String iisName;

    PipelineMode(String iisName) {
        this.iisName = iisName;
    }

    public String iisName() {
        return iisName;
    }
}
