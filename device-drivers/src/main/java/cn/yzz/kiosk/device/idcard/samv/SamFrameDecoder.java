package cn.yzz.kiosk.device.idcard.samv;

import java.util.Arrays;
import java.util.Optional;

/**
 * Turns a byte stream from either side of a SAM_V link into frames. Push bytes in any chunks with
 * {@link #feed}; pull frames with {@link #next}. The decoder hunts for the preamble (dropping
 * garbage), then consumes exactly LEN bytes: a payload that happens to contain the preamble is
 * never mistaken for a new frame. Pure: no I/O, no clocks, not thread-safe.
 */
public final class SamFrameDecoder {

    /** Which side's frames are expected: responses carry 3 status bytes, commands 2 code bytes. */
    public enum Direction {
        COMMANDS(3), RESPONSES(4);

        final int minLen;

        Direction(int minLen) {
            this.minLen = minLen;
        }
    }

    private final Direction direction;
    private byte[] buf = new byte[2048];
    private int start;
    private int end;
    private long discarded;

    public SamFrameDecoder(Direction direction) {
        this.direction = direction;
    }

    public void feed(byte[] data, int offset, int length) {
        if (end + length > buf.length) {
            compact();
            if (end + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + length));
            }
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /**
     * The next complete frame, or empty when more bytes are needed.
     *
     * @throws SamFrameException for a frame with an impossible length or a wrong checksum; the bad
     *     bytes are already consumed, so calling again continues with what follows
     */
    public Optional<SamFrame> next() throws SamFrameException {
        int p = findPreamble();
        if (p < 0) {
            // Keep a tail that may be the start of a preamble.
            int keep = Math.min(end - start, SamFrames.PREAMBLE.length - 1);
            discarded += end - start - keep;
            start = end - keep;
            return Optional.empty();
        }
        discarded += p - start;
        start = p;
        if (end - start < 7) {
            return Optional.empty();
        }
        int len = ((buf[start + 5] & 0xFF) << 8) | (buf[start + 6] & 0xFF);
        if (len < direction.minLen || len > SamFrames.MAX_LEN) {
            start += 1; // not a real frame start: resume hunting just after it
            discarded += 1;
            throw new SamFrameException(SamFrameException.Problem.BAD_LENGTH, "impossible frame length " + len);
        }
        int total = 7 + len;
        if (end - start < total) {
            return Optional.empty();
        }
        int chkAt = start + total - 1;
        int expected = SamFrames.xor(buf, start + 5, chkAt);
        int actual = buf[chkAt] & 0xFF;
        byte[] body = Arrays.copyOfRange(buf, start + 7, chkAt);
        start += total;
        if (expected != actual) {
            throw new SamFrameException(SamFrameException.Problem.BAD_CHECKSUM,
                    String.format("checksum %02X, expected %02X over %d bytes", actual, expected, len));
        }
        return Optional.of(new SamFrame(body));
    }

    /** True when a frame has started (preamble seen) but has not fully arrived. */
    public boolean inFrame() {
        return findPreamble() >= 0;
    }

    /** Bytes dropped so far while hunting for a preamble. */
    public long discardedBytes() {
        return discarded;
    }

    /** Forgets everything buffered, e.g. after the driver flushed the line. */
    public void reset() {
        start = 0;
        end = 0;
    }

    private int findPreamble() {
        byte[] pre = SamFrames.PREAMBLE;
        outer:
        for (int i = start; i + pre.length <= end; i++) {
            for (int j = 0; j < pre.length; j++) {
                if (buf[i + j] != pre[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }
}
