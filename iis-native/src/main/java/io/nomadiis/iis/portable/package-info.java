/**
 * The portable IIS host: IIS behaviour a client can see, on any OS, with real processes and real HTTP.
 *
 * <p>Processes. {@link io.nomadiis.iis.portable.PortableIisHost} (in the plugin) is a thin client of one
 * detached <em>service</em> process per state dir ({@link io.nomadiis.iis.portable.service.PortableWebServer},
 * the analogue of W3SVC + WAS + HTTP.sys), started on demand with {@code setsid}, stdin from
 * {@code /dev/null} and output to {@code <stateDir>/iis-portable/logs/service.log}, so it never holds
 * the plugin's pipes and survives plugin restarts. The service runs one <em>worker</em> JVM per started
 * app pool ({@link io.nomadiis.iis.portable.worker.PoolWorker}, the analogue of w3wp) and proxies every
 * site request to the worker of the application's pool; ANCM applications run as children of their
 * worker. The service exits, removing its runtime files, when no site and no pool is left.
 *
 * <p>Files under {@code <stateDir>/iis-portable}: {@code config.json} (written atomically, the
 * applicationHost.config analogue), {@code service.json} (PID, control port, bearer token; 0600),
 * {@code service.lock}, {@code pools/<pool>/worker-<n>.{spec,ready,children}}, {@code certs/}
 * (PKCS#12 store keyed by thumbprint), {@code logs/}.
 *
 * <p>Deliberate simplifications: every started pool behaves as {@code startMode = AlwaysRunning}
 * ({@code OnDemand} pools also start their worker at once) and {@code idleTimeout} never shuts a worker
 * down, so worker PIDs are stable for stats and dumps; pool identity, pipeline mode, runtime version,
 * 32-bit flag, queue length and extensions are stored but have no effect; rapid-fail protection uses
 * IIS's defaults (5 crashes in 5 minutes); recycling a stopped pool starts it.
 */
package io.nomadiis.iis.portable;
