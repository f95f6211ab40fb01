package cn.yzz.kiosk.admin;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The salted slow hash the administrator's PIN file and the staff file keep instead of a PIN or an ID card's number: PBKDF2 with HMAC-SHA256 (JDK only),
 * written {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so entries made with other iterations still verify.
 *
 * <p>Why slow: a 6-digit PIN has a million values and an ID number not many more once the county and the year are guessed.
 * At {@link #ITERATIONS} each guess costs about 0.1 s on a kiosk's CPU, which makes a copied file slow to crack (the file is
 * readable by the kiosk's user only); at the kiosk itself the lockout is what stops guessing.
 */
public final class SlowHash {

    public static final int ITERATIONS = 120_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private SlowHash() {}

    /** A new hash of {@code secret} with a new salt, at {@code iterations}. The caller clears {@code secret}. */
    public static String of(char[] secret, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether {@code secret} is what {@code encoded} was made from; compared in constant time.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a hash this class writes (the message never quotes it)
     */
    public static boolean matches(char[] secret, String encoded) {
        Parsed p = parse(encoded);
        byte[] actual = derive(secret, p.salt(), p.iterations());
        try {
            return MessageDigest.isEqual(actual, p.hash());
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    public record Parsed(int iterations, byte[] salt, byte[] hash) {}

    /** The parts of a hash this class writes; the exception's message never quotes it. */
    public static Parsed parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + " hash");
        }
        int iterations;
        byte[] salt;
        byte[] expected;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + PREFIX + " hash with a bad number or base64 part");
        }
        if (iterations < 1_000 || iterations > 10_000_000 || salt.length < 8 || expected.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("a " + PREFIX + " hash with impossible parameters");
        }
        return new Parsed(iterations, salt, expected);
    }

    private static byte[] derive(char[] secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
