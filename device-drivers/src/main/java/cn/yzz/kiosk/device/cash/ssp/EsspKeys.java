package cn.yzz.kiosk.device.cash.ssp;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The eSSP key exchange (essp.md §1 "Encryption layer"): Diffie-Hellman over 64-bit values. The host
 * sends SET GENERATOR, SET MODULUS and REQUEST KEY EXCHANGE with its intermediate key
 * {@code generator^hostRandom mod modulus}; the slave answers with {@code generator^slaveRandom mod modulus};
 * both reach {@code other^ownRandom mod modulus}. The AES-128 key is the fixed 64-bit key (low half) and
 * the negotiated one (high half), each little-endian: {@code negotiated·2^64 + fixed} as 16 LE bytes.
 *
 * <p>The primes stay below 2^31, as ITL's host library keeps them, so a unit's 64-bit arithmetic never overflows.
 */
public final class EsspKeys {

    /** ITL's default fixed key, 0x0123456701234567. */
    public static final long DEFAULT_FIXED_KEY = 0x0123456701234567L;

    private EsspKeys() {
    }

    /** One host-side negotiation: the values the host sends and its secret. */
    public record HostExchange(long generator, long modulus, long hostRandom) {

        public long hostIntermediate() {
            return modPow(generator, hostRandom, modulus);
        }

        /** The negotiated 64-bit key from the slave's intermediate key. */
        public long negotiated(long slaveIntermediate) {
            return modPow(slaveIntermediate, hostRandom, modulus);
        }
    }

    /** Fresh primes and a fresh secret: generator &gt; modulus, both prime, below 2^31. */
    public static HostExchange newExchange(RandomGenerator random) {
        long a = prime(random);
        long b;
        do {
            b = prime(random);
        } while (b == a);
        return new HostExchange(Math.max(a, b), Math.min(a, b), 2 + random.nextLong(1L << 30));
    }

    /** The slave's intermediate key for its secret. */
    public static long slaveIntermediate(long generator, long modulus, long slaveRandom) {
        return modPow(generator, slaveRandom, modulus);
    }

    /** The slave's side of the negotiated key. */
    public static long slaveNegotiated(long hostIntermediate, long modulus, long slaveRandom) {
        return modPow(hostIntermediate, slaveRandom, modulus);
    }

    /** The AES-128 key: fixed key little-endian, then negotiated key little-endian. */
    public static byte[] aesKey(long fixedKey, long negotiated) {
        byte[] key = new byte[16];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (fixedKey >>> (8 * i));
            key[8 + i] = (byte) (negotiated >>> (8 * i));
        }
        return key;
    }

    /**
     * Parses a fixed key as written in a profile: 16 hex digits, most significant first as ITL prints
     * it ({@code 0123456701234567}).
     */
    public static long parseFixedKey(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{16}")) {
            throw new IllegalArgumentException("eSSP fixed key must be 16 hex digits, not " + hex);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    static long modPow(long base, long exp, long mod) {
        if (mod <= 0) {
            throw new IllegalArgumentException("modulus must be positive");
        }
        return new BigInteger(Long.toUnsignedString(base)).modPow(new BigInteger(Long.toUnsignedString(exp)),
                BigInteger.valueOf(mod)).longValue();
    }

    private static long prime(RandomGenerator random) {
        long candidate = (1L << 30) + random.nextLong(1L << 30);
        return BigInteger.valueOf(candidate).nextProbablePrime().longValue();
    }
}
