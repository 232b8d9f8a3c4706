package io.nomadiis.iis;

/** {@code managedPipelineMode} of an app pool. */
public enum PipelineMode implements IisEnumValue {
    INTEGRATED("Integrated"),
    CLASSIC("Classic");

    private final String iisName;

    PipelineMode(String iisName) {
        this.iisName = iisName;
    }

    @Override
    public String iisName() {
        return iisName;
    }
}
