package io.nomadiis.driver.task.plan;

import io.nomadiis.driver.config.BindingConfig;
import io.nomadiis.driver.config.CertificateConfig;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves binding ports (a Nomad port label, or a numeric static port together with a hostname) and the
 * certificate source of https bindings.
 */
final class BindingPlanner {

    private BindingPlanner() {}

    static List<PlannedBinding> plan(List<BindingConfig> bindings, List<TaskPort> ports, Path taskDir)
            throws DriverException {
        List<PlannedBinding> planned = new ArrayList<>();
        for (BindingConfig b : bindings) {
            String protocol = b.type() == null ? "" : b.type().toLowerCase(Locale.ROOT);
            if (!protocol.equals("http") && !protocol.equals("https")) {
                throw DriverException.invalid("binding type \"" + b.type() + "\" is not supported: use http or https");
            }
            String hostname = b.hostname() == null ? "" : b.hostname().trim();
            int port = port(b.port(), hostname, ports);
            String ip = b.ipAddress() == null || b.ipAddress().isBlank()
                    ? "*"
                    : b.ipAddress().trim();
            CertificateSpec cert = null;
            if (protocol.equals("https")) {
                if (b.certificate() == null) {
                    throw DriverException.invalid(
                            "binding on port \"" + b.port() + "\": https needs a certificate " + "block");
                }
                cert = certificate(b.certificate(), hostname, taskDir);
            }
            planned.add(new PlannedBinding(
                    new BindingSpec(protocol, ip, port, hostname, protocol.equals("https") && b.requireSni(), null),
                    cert));
        }
        return planned;
    }

    private static int port(String port, String hostname, List<TaskPort> ports) throws DriverException {
        if (port == null || port.isBlank()) {
            throw DriverException.invalid("binding port must not be empty");
        }
        for (TaskPort p : ports) {
            if (p.label().equals(port)) {
                return p.value();
            }
        }
        if (port.chars().allMatch(Character::isDigit)) {
            int value;
            try {
                value = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 1 || value > 65535) {
                throw DriverException.invalid("binding port " + port + " is not a TCP port (1-65535)");
            }
            if (hostname.isEmpty()) {
                throw DriverException.invalid("binding port " + port + " is a static port: a static port needs a "
                        + "hostname; otherwise declare the port in the group's network block and use its label");
            }
            return value;
        }
        List<String> labels = ports.stream().map(TaskPort::label).toList();
        throw DriverException.invalid(
                "binding port \"" + port + "\" is not a port label of this task (labels: " + labels + ")");
    }

    private static CertificateSpec certificate(CertificateConfig c, String hostname, Path taskDir)
            throws DriverException {
        int sources = (c.thumbprint() != null ? 1 : 0)
                + (c.pfxFile() != null ? 1 : 0)
                + (c.certFile() != null ? 1 : 0)
                + (c.useSelfSigned() ? 1 : 0);
        if (sources != 1) {
            throw DriverException.invalid("certificate: set exactly one of thumbprint, pfx_file, cert_file "
                    + "(with key_file) or use_self_signed");
        }
        if (c.certFile() != null && c.keyFile() == null) {
            throw DriverException.invalid("certificate: cert_file needs key_file");
        }
        Path pfx = c.pfxFile() == null ? null : TaskPaths.resolve(taskDir, "certificate.pfx_file", c.pfxFile());
        Path cert = c.certFile() == null ? null : TaskPaths.resolve(taskDir, "certificate.cert_file", c.certFile());
        Path key = c.keyFile() == null ? null : TaskPaths.resolve(taskDir, "certificate.key_file", c.keyFile());
        return new CertificateSpec(
                c.thumbprint(),
                pfx,
                c.password(),
                cert,
                key,
                c.useSelfSigned(),
                hostname.isEmpty() ? "localhost" : hostname);
    }
}
