package dev.wharf.http.tls;

import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A TLS connector from PEM files that offers HTTP/2 by ALPN and falls back to HTTP/1.1. The SNI host check is off:
 * registry clients often connect by IP address or {@code localhost}, which a certificate's names may not list.
 */
public final class TlsConnector {
    private TlsConnector() {
    }

    /** {@code http1} makes the HTTP/1.1 connection factory for a configuration (ALPN's fallback). */
    public static ServerConnector create(Server server, WharfConfig.Tls tls, HttpConfiguration http,
                                         Function<HttpConfiguration, ConnectionFactory> http1) {
        char[] password = randomPassword();
        KeyStore keyStore = keyStore(tls, password);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keyStore);
        ssl.setKeyStorePassword(new String(password));
        ssl.setSniRequired(false);
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);

        HttpConfiguration https = new HttpConfiguration(http);
        https.setSecureScheme("https");
        https.addCustomizer(new SecureRequestCustomizer(false));
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        // room for blob uploads to stream without waiting on window updates
        h2.setInitialSessionRecvWindow(16 << 20);
        h2.setInitialStreamRecvWindow(8 << 20);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, alpn.getProtocol());
        return new ServerConnector(server, 1, 1, tlsFactory, alpn, h2, http1.apply(https));
    }

    private static KeyStore keyStore(WharfConfig.Tls tls, char[] password) {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemFiles.certificates(tls.certificate());
        } catch (IOException e) {
            throw new ConfigException("http.tls.certificate", e.getMessage());
        }
        try {
            key = PemFiles.privateKey(tls.key());
            PemFiles.checkPair(chain.getFirst(), key, tls.key());
        } catch (IOException e) {
            throw new ConfigException("http.tls.key", e.getMessage());
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("wharf", key, password, chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS key store", e);
        }
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }
}
