package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The eSSP packing of one packet's DATA (essp.md §1): {@code STEX 7E} in clear, then AES-128 (ECB, block by
 * block) over {@code eLEN | eCOUNT (4, LE) | eDATA | packing | eCRCL eCRCH}, packed with random bytes to a
 * multiple of 16; the eCRC is the SSP CRC over everything before it. Pure apart from the random packing.
 */
public final class EsspCipher {

    public static final int STEX = 0x7E;
    /** 15 blocks of 16 plus STEX is the most an SSP LEN of 255 can carry, less the 7 bytes of framing. */
    public static final int MAX_DATA = 15 * 16 - 7;

    private final SecretKeySpec key;

    public EsspCipher(byte[] aesKey) {
        if (aesKey.length != 16) {
            throw new IllegalArgumentException("AES-128 key is 16 bytes");
        }
        this.key = new SecretKeySpec(aesKey.clone(), "AES");
    }

    /** Whether DATA is an eSSP packet (starts with STEX). */
    public static boolean isWrapped(byte[] data) {
        return data.length > 0 && (data[0] & 0xFF) == STEX;
    }

    public byte[] wrap(byte[] data, long count, RandomGenerator packing) {
        if (data.length < 1 || data.length > MAX_DATA) {
            throw new IllegalArgumentException("eSSP data is 1–" + MAX_DATA + " bytes, not " + data.length);
        }
        int total = (data.length + 7 + 15) / 16 * 16;
        byte[] inner = new byte[total];
        inner[0] = (byte) data.length;
        for (int i = 0; i < 4; i++) {
            inner[1 + i] = (byte) (count >>> (8 * i));
        }
        System.arraycopy(data, 0, inner, 5, data.length);
        for (int i = 5 + data.length; i < total - 2; i++) {
            inner[i] = (byte) packing.nextInt(256);
        }
        int crc = SspCrc.crc(inner, 0, total - 2);
        inner[total - 2] = (byte) crc;
        inner[total - 1] = (byte) (crc >>> 8);
        byte[] out = new byte[total + 1];
        out[0] = (byte) STEX;
        System.arraycopy(crypt(Cipher.ENCRYPT_MODE, inner), 0, out, 1, total);
        return out;
    }

    /** The eCOUNT and eDATA of a wrapped packet. */
    public record Unwrapped(long count, byte[] data) {
    }

    /**
     * Decrypts and checks a wrapped packet; the caller checks the count.
     *
     * @throws SspException when it is not a well-formed eSSP packet under this key
     */
    public Unwrapped unwrap(byte[] wrapped) throws SspException {
        if (!isWrapped(wrapped)) {
            throw new SspException(Problem.BAD_ENCRYPTION, "eSSP packet does not start with STEX 7E");
        }
        int total = wrapped.length - 1;
        if (total < 16 || total % 16 != 0) {
            throw new SspException(Problem.BAD_ENCRYPTION, "eSSP packet of " + total + " bytes, not whole AES blocks");
        }
        byte[] inner = crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(wrapped, 1, wrapped.length));
        int crc = SspCrc.crc(inner, 0, total - 2);
        int sent = (inner[total - 2] & 0xFF) | ((inner[total - 1] & 0xFF) << 8);
        if (crc != sent) {
            throw new SspException(Problem.BAD_ENCRYPTION,
                    String.format("eSSP eCRC %04X, expected %04X: wrong key or damaged packet", sent, crc));
        }
        int len = inner[0] & 0xFF;
        if (len < 1 || 7 + len > total) {
            throw new SspException(Problem.BAD_ENCRYPTION, "eSSP eLEN " + len + " does not fit " + total + " bytes");
        }
        if ((7 + len + 15) / 16 * 16 != total) {
            throw new SspException(Problem.BAD_ENCRYPTION, "eSSP eLEN " + len + " with more packing than a block");
        }
        long count = (inner[1] & 0xFFL) | (inner[2] & 0xFFL) << 8 | (inner[3] & 0xFFL) << 16 | (inner[4] & 0xFFL) << 24;
        return new Unwrapped(count, Arrays.copyOfRange(inner, 5, 5 + len));
    }

    private byte[] crypt(int mode, byte[] in) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(mode, key);
            return c.doFinal(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is part of every Java runtime", e);
        }
    }
}
