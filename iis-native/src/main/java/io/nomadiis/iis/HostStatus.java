package io.nomadiis.iis;

/**
 * What the fingerprint reports about the web server.
 *
 * @param healthy whether the server can run sites now (w3svc running on Windows)
 * @param description a human sentence when not healthy, else "Healthy"
 * @param iisVersion the IIS product version, or "Unknown"
 * @param aspNetCoreAvailable whether the ASP.NET Core module (ANCM V2) is present
 * @param rewriteModuleAvailable whether the URL rewrite module is present
 */
public record HostStatus(
        boolean healthy,
        String description,
        String iisVersion,
        boolean aspNetCoreAvailable,
        boolean rewriteModuleAvailable) {}
