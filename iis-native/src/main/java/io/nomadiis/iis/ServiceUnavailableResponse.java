package io.nomadiis.iis;

/** {@code failure.loadBalancerCapabilities}: how a stopped pool answers requests. */
public enum ServiceUnavailableResponse implements IisEnumValue {
    /** Answer 503 Service Unavailable. */
    HTTP_LEVEL("HttpLevel"),
    /** Drop the connection. */
    TCP_LEVEL("TcpLevel");

    private final String iisName;

    ServiceUnavailableResponse(String iisName) {
        this.iisName = iisName;
    }

    @Override
    public String iisName() {
        return iisName;
    }
}
