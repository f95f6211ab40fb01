package cn.yzz.kiosk.cache.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * The county backend's identity as the contract gives it: {@code sha256/BASE64}, the SHA-256 of the
 * public key's SubjectPublicKeyInfo (the form OkHttp's CertificatePinner takes). A pin names a key, not
 * a certificate: a renewed certificate with the same key keeps its pin.
 */
public final class Pins {

    public static final String PREFIX = "sha256/";

    /** How an installer gets the pin of a backend, in words and commands to copy. */
    public static final String HOW_TO_GET = "向县里要后台的公钥指纹（sha256/ 开头），或在能连上后台的机器上运行"
            + " kioskctl backend pin --backend URL 并与县里给的核对；也可用 openssl 算："
            + " openssl s_client -connect 主机:443 -servername 主机 </dev/null | openssl x509 -pubkey -noout"
            + " | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"
            + "（结果前加 sha256/）";

    private Pins() {}

    /** The pin of a public key, e.g. a certificate's {@code getPublicKey()}. */
    public static String of(PublicKey key) {
        try {
            // X.509 keys encode as SubjectPublicKeyInfo, which is what the pin hashes.
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return PREFIX + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pin as an installer typed it, checked and spelled one way: {@code sha256/} then standard base64 of exactly
     * 32 bytes (the padding may be left off).
     *
     * @throws IllegalArgumentException saying what is wrong, in the installer's words
     */
    public static String check(String pin) {
        String p = pin == null ? "" : pin.strip();
        if (!p.startsWith(PREFIX)) {
            throw new IllegalArgumentException("公钥指纹应以 sha256/ 开头，后接 44 个字符的 base64，不是 \"" + p + "\"");
        }
        String b64 = p.substring(PREFIX.length());
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("公钥指纹 " + p + " 的 sha256/ 之后不是 base64（" + e.getMessage() + "）");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("公钥指纹 " + p + " 是 " + bytes.length
                    + " 字节，SHA-256 应是 32 字节（sha256/ 后 44 个字符，以 = 结尾）");
        }
        return PREFIX + Base64.getEncoder().encodeToString(bytes); // one spelling, with its padding
    }

    /** Each pin {@link #check checked}, in order, without repeats. */
    public static List<String> checkAll(List<String> pins) {
        return pins.stream().map(Pins::check).distinct().toList();
    }
}
