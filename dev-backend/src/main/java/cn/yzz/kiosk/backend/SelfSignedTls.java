package cn.yzz.kiosk.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed TLS identity for serving HTTPS on 127.0.0.1: an EC key and certificate (names 127.0.0.1
 * and localhost) made by the JDK's keytool into {@code DIR/tls.p12}, or read from there when a former
 * start made it, so that a kiosk pinned to it stays pinned across restarts. For development and tests:
 * the keystore's password is no secret.
 */
public final class SelfSignedTls {

    static final String FILE = "tls.p12";
    private static final char[] PASSWORD = "dev-backend".toCharArray();
    private static final String ALIAS = "dev-backend";

    private final SSLContext context;
    private final X509Certificate certificate;

    private SelfSignedTls(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /** The identity kept in {@code dir}, made there first if there is none (keytool takes about a second). */
    public static SelfSignedTls inDirectory(Path dir) throws IOException {
        Path store = Files.createDirectories(dir).resolve(FILE);
        if (!Files.exists(store)) {
            generate(store);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new SelfSignedTls(ctx, (X509Certificate) ks.getCertificate(ALIAS));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS keystore " + store + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path store) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                "-dname", "CN=dev-backend", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the certificate", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !Files.exists(store)) {
            throw new IOException("keytool could not make a certificate (exit " + p.exitValue() + "): " + output.strip());
        }
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The pin a kiosk is given for this backend: {@code sha256/} and the base64 SHA-256 of the key's
     * SubjectPublicKeyInfo (sync-api.md), computed here apart from the kiosk's code.
     */
    public String pin() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return "sha256/" + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
