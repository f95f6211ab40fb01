package cn.yzz.kiosk.device.qr;

import java.util.Arrays;
import java.util.Optional;

/**
 * Turns an SSI byte stream into packets. Push bytes with {@link #feed}, pull packets with
 * {@link #next}. Bytes that cannot start a packet (LEN under 4, a source other than host or
 * decoder) are skipped one by one; a packet with a wrong checksum is consumed whole and reported,
 * and the driver answers it with a NAK so that the sender repeats it. Pure: no I/O, no clock.
 */
public final class SsiDecoder {

    private final int expectedSource;
    private byte[] buf = new byte[512];
    private int start;
    private int end;
    private long discarded;

    /** @param expectedSource the side whose packets are read: {@link SsiPacket#FROM_DECODER} on the host */
    public SsiDecoder(int expectedSource) {
        this.expectedSource = expectedSource;
    }

    public void feed(byte[] data, int offset, int length) {
        if (end + length > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (end + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + length));
            }
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    /**
     * The next packet, or empty when more bytes are needed.
     *
     * @throws ScanFrameException {@code BAD_CHECKSUM}; the packet is consumed, call again to go on
     */
    public Optional<SsiPacket> next() throws ScanFrameException {
        while (end - start >= 3) {
            int len = buf[start] & 0xFF;
            if (len < 4 || (buf[start + 2] & 0xFF) != expectedSource) {
                start++;
                discarded++;
                continue;
            }
            if (end - start < len + 2) {
                return Optional.empty();
            }
            int sum = SsiPacket.checksum(buf, start, start + len);
            int got = ((buf[start + len] & 0xFF) << 8) | (buf[start + len + 1] & 0xFF);
            int at = start;
            start += len + 2;
            if (sum != got) {
                discarded += len + 2;
                throw new ScanFrameException(ScanFrameException.Problem.BAD_CHECKSUM,
                        String.format("SSI checksum %04X, expected %04X", got, sum));
            }
            return Optional.of(new SsiPacket(buf[at + 1] & 0xFF, buf[at + 2] & 0xFF, buf[at + 3] & 0xFF,
                    Arrays.copyOfRange(buf, at + 4, at + len)));
        }
        return Optional.empty();
    }

    /** True when part of a packet has arrived. */
    public boolean inFrame() {
        return end > start;
    }

    /** Drops whatever is buffered (after a stall, or before waiting for a resent packet). */
    public int reset() {
        int n = end - start;
        discarded += n;
        start = 0;
        end = 0;
        return n;
    }

    public long discardedBytes() {
        return discarded;
    }
}
