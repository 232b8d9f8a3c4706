package io.nomadiis.iis.windows;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.cert.Thumbprints;
import io.nomadiis.log.LogField;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * http.sys certificate registrations of https bindings (windows-iis.md section 3): one registration per
 * {@code ip:port} (or {@code host:port} with SNI), shared by every site binding that key. A registration is
 * removed only when no binding of any other site still uses its key; one held by another site with another
 * certificate is never replaced (the start fails naming that site); a leftover nobody binds any more (of an
 * earlier start of the same task, say) is adopted or replaced. The decisions are plain Java
 * ({@link #decide}); the calls go through {@link IisRuntime}. Called with the host's commit lock held.
 */
final class HttpsRegistrations {
    private HttpsRegistrations() {}

    /** What to do for one https binding of the site being deployed. */
    sealed interface Decision {
        /** No registration for the key: add ours. */
        record Add() implements Decision {}

        /** The key already has our certificate (shared with another site, or our own leftover): nothing to do. */
        record Keep() implements Decision {}

        /** A leftover registration with another certificate that no other site binds: replace it. */
        record Replace() implements Decision {}

        /** Another site binds the key with another certificate: fail, naming it. */
        record Conflict(Set<String> sites, String certificate) implements Decision {}
    }

    /**
     * @param site the site being deployed
     * @param key the binding's registration key
     * @param thumbprint the certificate the binding wants
     * @param all every https binding of every site as IIS has them now (the site's own included)
     */
    static Decision decide(String site, String key, String thumbprint, List<HttpsBinding> all) {
        String registered = null;
        Set<String> others = new LinkedHashSet<>();
        for (HttpsBinding binding : all) {
            if (!binding.registrationKey().equals(key)) {
                continue;
            }
            if (registered == null && binding.certificateHash() != null) {
                registered = binding.certificateHash();
            }
            if (!binding.siteName().equalsIgnoreCase(site)) {
                others.add(binding.siteName());
            }
        }
        if (registered == null) {
            return new Decision.Add();
        }
        if (registered.equals(Thumbprints.normalize(thumbprint))) {
            return new Decision.Keep();
        }
        return others.isEmpty() ? new Decision.Replace() : new Decision.Conflict(others, registered);
    }

    /** Registers the certificates of the site's https bindings. */
    static void register(IisRuntime runtime, String site, List<BindingSpec> bindings) throws IisException {
        List<HttpsBinding> all = null;
        for (BindingSpec binding : bindings) {
            if (!Bindings.isHttps(binding)) {
                continue;
            }
            if (all == null) {
                all = runtime.httpsBindings();
            }
            String information = Bindings.information(binding);
            String key = HttpsBinding.registrationKey(information, Bindings.sslFlags(binding));
            String thumbprint = Thumbprints.normalize(binding.certificateThumbprint());
            Decision decision = decide(site, key, thumbprint, all);
            if (decision instanceof Decision.Conflict conflict) {
                throw conflict(site, key, conflict);
            }
            if (decision instanceof Decision.Replace) {
                runtime.removeSslCertificate(site, information);
            }
            if (!(decision instanceof Decision.Keep)) {
                add(runtime, site, information, key, thumbprint, all);
            }
        }
    }

    private static void add(
            IisRuntime runtime, String site, String information, String key, String thumbprint, List<HttpsBinding> all)
            throws IisException {
        try {
            runtime.addSslCertificate(site, information, thumbprint);
        } catch (IisException e) {
            if (!e.getMessage().contains(HResults.hex(HResults.ALREADY_EXISTS))) {
                throw e;
            }
            // a registration whose certificate could not be read: a leftover when no other site binds the key
            Set<String> others = new LinkedHashSet<>();
            all.stream()
                    .filter(b ->
                            b.registrationKey().equals(key) && !b.siteName().equalsIgnoreCase(site))
                    .forEach(b -> others.add(b.siteName()));
            if (!others.isEmpty()) {
                throw conflict(site, key, new Decision.Conflict(others, null));
            }
            runtime.removeSslCertificate(site, information);
            runtime.addSslCertificate(site, information, thumbprint);
        }
    }

    /** Removes the registrations of the site's https bindings whose keys no other site's binding uses. */
    static void unregister(IisRuntime runtime, String site) {
        try {
            List<HttpsBinding> all = runtime.httpsBindings();
            for (HttpsBinding binding : all) {
                if (binding.siteName().equalsIgnoreCase(site)
                        && unusedElsewhere(site, binding.registrationKey(), all)) {
                    runtime.removeSslCertificate(site, binding.bindingInformation());
                }
            }
        } catch (IisException e) {
            System.getLogger(HttpsRegistrations.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "cannot remove the site's certificate registrations",
                            LogField.site(site),
                            LogField.error(e.getMessage()));
        }
    }

    /** Whether no binding of a site other than {@code site} uses the key. */
    static boolean unusedElsewhere(String site, String key, List<HttpsBinding> all) {
        return all.stream()
                .noneMatch(b -> !b.siteName().equalsIgnoreCase(site)
                        && b.registrationKey().equals(key));
    }

    private static IisException conflict(String site, String key, Decision.Conflict conflict) {
        return new IisException("failed to register the certificate of site \"" + site + "\" for " + key
                + " with http.sys: the registration belongs to site"
                + (conflict.sites().size() == 1 ? " " : "s ")
                + String.join(
                        ", ",
                        conflict.sites().stream().map(s -> "\"" + s + "\"").toList())
                + (conflict.certificate() == null ? "" : " (certificate " + conflict.certificate() + ")")
                + "; use that certificate, another port or SNI with a host name");
    }
}
