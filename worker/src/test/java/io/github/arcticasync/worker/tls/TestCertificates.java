package io.github.arcticasync.worker.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed (SAN {@code IP:127.0.0.1},
 * {@code DNS:localhost}), made with the {@code openssl} binary in a directory of the caller's, plus a PKCS12 trust
 * store that holds only that authority — what a client needs to verify a TLS {@code redis-server} on loopback.
 *
 * @param caCert             the authority's certificate (PEM)
 * @param serverCert         the server certificate (PEM)
 * @param serverKey          the server's private key (PEM, unencrypted)
 * @param trustStore         a PKCS12 trust store with the authority as its only entry
 * @param trustStorePassword the trust store's password
 */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path trustStore,
                               String trustStorePassword) {
    /** The {@code openssl} binary: system property {@code it.openssl}, else {@code openssl} on the PATH. */
    private static final String OPENSSL = System.getProperty("it.openssl", "openssl");
    private static final String PASSWORD = "changeit-tls-it";
    private static final long OPENSSL_TIMEOUT_SECONDS = 30;

    /**
     * Creates the authority, the server certificate and the trust store in {@code dir}.
     *
     * @throws IllegalStateException naming the openssl step that failed, with its output
     */
    public static TestCertificates create(Path dir) {
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.crt");
        Path serverKey = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.crt");
        Path ext = dir.resolve("server-ext.cnf");
        try {
            // EC keys: generating them is instant, where RSA keys can take a noticeable time on a loaded machine.
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2",
                    "-subj", "/CN=arctic-async test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", serverKey.toString(), "-out", csr.toString(), "-subj", "/CN=localhost");
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
                    StandardCharsets.US_ASCII);
            openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                    "-CAcreateserial", "-out", serverCert.toString(), "-days", "2", "-extfile", ext.toString());
            Path trustStore = dir.resolve("truststore.p12");
            writeTrustStore(caCert, trustStore);
            return new TestCertificates(caCert, serverCert, serverKey, trustStore, PASSWORD);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create test certificates in " + dir + ": " + e, e);
        }
    }

    /** The JVM options that make a JVM's default SSL context trust exactly this authority. */
    public List<String> trustStoreJvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + trustStorePassword,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** The {@code redis-server} arguments that serve TLS on {@code tlsPort} with this certificate. */
    public List<String> redisTlsArgs(int tlsPort) {
        return List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", serverCert.toString(),
                "--tls-key-file", serverKey.toString(),
                "--tls-ca-cert-file", caCert.toString(),
                "--tls-auth-clients", "no");
    }

    private static void writeTrustStore(Path caCert, Path trustStore) throws IOException, GeneralSecurityException {
        Certificate ca;
        try (InputStream in = Files.newInputStream(caCert)) {
            ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("arctic-test-ca", ca);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL);
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + args[0] + " did not finish within "
                        + OPENSSL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl " + args[0], e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " exited with "
                    + process.exitValue() + ":\n" + Files.readString(log));
        }
    }
}
