package io.nomadiis.iis.portable;

/**
 * What {@code service.json} says about the running portable web-server service.
 *
 * @param pid the service process id
 * @param port its control port on 127.0.0.1
 * @param token the bearer token every control request must carry; never logged
 * @param build the {@link JavaCommand#buildId()} of the code the service runs
 */
public record ServiceInfo(long pid, int port, String token, String build) {
    @Override
    public String toString() {
        return "ServiceInfo[pid=" + pid + ", port=" + port + ", build=" + build + "]";
    }
}
