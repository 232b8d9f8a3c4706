package io.nomadiis.dist;

import java.util.Locale;

/** The {@code --help} text. */
final class Usage {

    private Usage() {}

    static String text(String version) {
        return String.format(Locale.ROOT, """
                nomad_iis %s - HashiCorp Nomad task driver plugin that runs IIS websites (driver "iis").

                Nomad launches this binary from its plugin_dir; configure it in the agent with
                  plugin "nomad_iis" { args = [...] config { ... } }

                Usage:
                  nomad_iis [options]          serve Nomad (needs Nomad's plugin environment)
                  nomad_iis dev [--once]       run the plugin in-process and print what Nomad would see
                  nomad_iis --version          print the version
                  nomad_iis --help             print this text

                Options (also written --name value, /name=value, /name value or name=value, as the
                C# plugin accepts; an unknown argument is logged as a warning and ignored):
                  --port=N                          gRPC port on 127.0.0.1 (0 = any free port);
                                                    default: a free port in PLUGIN_MIN_PORT..PLUGIN_MAX_PORT
                  --state-dir=PATH                  where state that survives restarts is kept
                                                    (default: "state" beside the binary)
                  --log-level=LEVEL                 trace, debug, info, warn or error
                                                    (default: env NOMAD_IIS_LOG_LEVEL, else info)
                  --management-api-port=N           serve the management HTTP API on port N (0 = off)
                  --management-api-address=ADDR     management API listen address
                  --management-api-key=KEY          API key expected in the X-Api-Key header
                  --management-api-jwt-secret=S     HS256 secret for JWT bearer tokens
                  --management-api-tls-cert=PATH    PEM certificate chain: serve HTTPS
                  --management-api-tls-key=PATH     PEM private key for --management-api-tls-cert
                  --management-api-allow-anonymous  accept requests without credentials
                  --management-api-expose-secrets   let the fs routes reach the task's secrets/ folder
                  --management-api-max-body-size=SIZE     largest upload body (default 4g)
                  --management-api-max-zip-entries=N      most entries in an uploaded zip (default 200000)
                  --management-api-max-unzipped-size=SIZE most bytes a zip may expand to (default 16g)
                  --management-api-max-zip-ratio=N        largest entry compression ratio (default 200)
                  --management-api-idle-timeout=SECONDS   close connections silent this long (default 60)
                  --management-api-browser=PATH           Chromium/Chrome/Edge for screenshots
                                                          (default: search the host)
                """, version);
    }
}
