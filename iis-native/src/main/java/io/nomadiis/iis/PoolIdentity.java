package io.nomadiis.iis;

/** {@code processModel.identityType} of an app pool; {@link #iisName()} is the spelling jobs use. */
public enum PoolIdentity implements IisEnumValue {
    APPLICATION_POOL_IDENTITY("ApplicationPoolIdentity"),
    LOCAL_SYSTEM("LocalSystem"),
    LOCAL_SERVICE("LocalService"),
    NETWORK_SERVICE("NetworkService"),
    SPECIFIC_USER("SpecificUser");

    private final String iisName;

    PoolIdentity(String iisName) {
        this.iisName = iisName;
    }

    @Override
    public String iisName() {
        return iisName;
    }
}
