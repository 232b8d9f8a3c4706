package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.BindingSpec;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the server certificate of an https endpoint per handshake, as HTTP.sys does with SNI
 * bindings: the binding whose host name equals the client's SNI name, else a binding without
 * {@code require_sni} (the endpoint's IP:port certificate), else the first binding. Aliases are thumbprints.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final CertificateStore store;
    private final Supplier<List<BindingSpec>> bindings;

    SniKeyManager(CertificateStore store, Supplier<List<BindingSpec>> bindings) {
        this.store = store;
        this.bindings = bindings;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, sniName(engine == null ? null : engine.getHandshakeSession()));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, null);
    }

    private String choose(String keyType, String sni) {
        List<BindingSpec> candidates = bindings.get();
        BindingSpec chosen = null;
        for (BindingSpec binding : candidates) {
            if (sni != null && sni.equalsIgnoreCase(binding.hostname())) {
                chosen = binding;
                break;
            }
        }
        if (chosen == null) {
            chosen = candidates.stream()
                    .filter(b -> !b.requireSni())
                    .findFirst()
                    .orElse(candidates.isEmpty() ? null : candidates.get(0));
        }
        if (chosen == null || chosen.certificateThumbprint() == null) {
            return null;
        }
        CertificateStore.Entry entry = store.entry(chosen.certificateThumbprint());
        if (entry == null || !matches(keyType, entry.key().getAlgorithm())) {
            return null;
        }
        return CertificateStore.normalize(chosen.certificateThumbprint());
    }

    private static boolean matches(String keyType, String algorithm) {
        if (algorithm.equals("RSA")) {
            return keyType.equals("RSA") || keyType.equals("RSASSA-PSS");
        }
        return keyType.equals(algorithm) || (algorithm.equals("EC") && keyType.startsWith("EC"));
    }

    private static String sniName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        CertificateStore.Entry entry = store.entry(alias);
        return entry == null ? null : entry.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        CertificateStore.Entry entry = store.entry(alias);
        return entry == null ? null : entry.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return bindings.get().stream()
                .map(BindingSpec::certificateThumbprint)
                .filter(t -> t != null)
                .map(CertificateStore::normalize)
                .distinct()
                .toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
