package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.util.random.RandomGenerator;

/**
 * One negotiated eSSP key and its eCOUNT, for either end of the link. The count starts at 0 when the key is
 * negotiated and moves on once per exchange, as ITL's own host library, kybarg/ssp and FabLabKasse (on a real
 * NV11) do: the host wraps command k with count c and then holds c+1; the slave takes a command only if its
 * count is the slave's c, then holds c+1 and wraps its reply with c+1; the host takes the reply only if it
 * carries c+1. A retransmission re-sends the same bytes (same count), and the slave repeats its reply.
 * Not thread-safe.
 */
public final class EsspSession {

    private final EsspCipher cipher;
    private long count;

    public EsspSession(byte[] aesKey) {
        this.cipher = new EsspCipher(aesKey);
    }

    public long count() {
        return count;
    }

    /** Host: wraps a new command and moves the count on. */
    public byte[] wrapCommand(byte[] data, RandomGenerator packing) {
        byte[] out = cipher.wrap(data, count, packing);
        count = (count + 1) & 0xFFFFFFFFL;
        return out;
    }

    /** Host: the reply to the last command wrapped. */
    public byte[] unwrapReply(byte[] wrapped) throws SspException {
        return checked(cipher.unwrap(wrapped));
    }

    /** Slave: a command from the host; moves the count on only when it is the one expected. */
    public byte[] unwrapCommand(byte[] wrapped) throws SspException {
        byte[] data = checked(cipher.unwrap(wrapped));
        count = (count + 1) & 0xFFFFFFFFL;
        return data;
    }

    /** Slave: wraps the reply to the command just taken. */
    public byte[] wrapReply(byte[] data, RandomGenerator packing) {
        return cipher.wrap(data, count, packing);
    }

    private byte[] checked(EsspCipher.Unwrapped u) throws SspException {
        if (u.count() != count) {
            throw new SspException(Problem.BAD_COUNT, "eSSP eCOUNT " + u.count() + ", expected " + count);
        }
        return u.data();
    }
}
