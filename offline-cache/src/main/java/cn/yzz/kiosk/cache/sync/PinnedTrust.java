package cn.yzz.kiosk.cache.sync;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the backend by its pinned key alone, the way an SSH client trusts a known host: a county's
 * backend often has a self-signed or private-CA certificate the kiosk's runtime does not know, and a
 * CA would add nothing the pin does not already prove. A pin may name the server's own key or the key
 * of a certificate above it in the chain the server sends; then every link below the pinned one must
 * be signed by the next, a CA, so a pinned certificate merely appended to a stranger's chain proves
 * nothing. The host name is still checked by OkHttp against the server's certificate.
 */
final class PinnedTrust implements X509TrustManager {

    private final List<String> pins;

    PinnedTrust(List<String> pins) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("no pins");
        }
        this.pins = List.copyOf(pins);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("后台没有出示证书");
        }
        for (int k = 0; k < chain.length; k++) {
            if (pins.contains(Pins.of(chain[k].getPublicKey())) && linked(chain, k)) {
                return;
            }
        }
        throw new CertificateException("后台的公钥指纹是 " + Pins.of(chain[0].getPublicKey()) + "，与给定的 "
                + String.join("、", pins) + " 都不符：这不是县里的后台，或后台换了密钥；请向县里核对指纹");
    }

    /** Whether chain[0] was issued, link by link, under chain[k]. */
    private static boolean linked(X509Certificate[] chain, int k) {
        for (int i = 0; i < k; i++) {
            X509Certificate issuer = chain[i + 1];
            if (issuer.getBasicConstraints() < 0
                    || !chain[i].getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return false;
            }
            try {
                chain[i].verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the kiosk is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
