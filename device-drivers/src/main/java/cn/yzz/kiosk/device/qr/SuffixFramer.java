package cn.yzz.kiosk.device.qr;

import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts the byte stream of a suffix-framed scanner into codes, and recognises the module's replies
 * to commands that travel on the same line. Pure: no I/O, no clock, not thread-safe.
 *
 * <p>Time enters only through the driver: when the line goes quiet in the middle of a code for
 * longer than the inter-character gap it calls {@link #stall()}. If more bytes come before a long
 * silence, the code was broken: its start is dropped, and so is whatever arrives up to the next
 * suffix, since gluing the halves or passing either on alone would hand the kiosk a wrong code. If
 * the line instead stays silent ({@link #quiet()}), the bytes were a whole code sent without its
 * suffix (devices.md §3.1: a code ends at the suffix or at a gap), and {@code quiet} hands it over.
 *
 * <p>A reply is recognised only at the start of a frame: GM65-class {@code 02 00 00 LEN DATA CRC CRC},
 * Newland {@code 02 01 "0000" … ;ETX}. A code that itself starts with those bytes would be taken for
 * a reply; printable codes never do.
 */
public final class SuffixFramer {

    /** Which replies to look for. */
    public enum Replies { NONE, GM65, NEWLAND }

    /** What the stream yields. */
    public sealed interface Item {}

    /** A code's bytes, without the suffix. */
    public record Data(byte[] payload) implements Item {}

    /** A module's reply to a command, raw. */
    public record Reply(byte[] raw) implements Item {}

    /** Longest Newland reply looked for: the echo of a command is short. */
    static final int NEWLAND_REPLY_MAX = 256;

    private final byte[] suffix;
    private final int maxLength;
    private final Replies replies;
    private byte[] buf = new byte[1024];
    private int start;
    private int end;
    private boolean discarding;
    private long discarded;
    /** What stalled, kept until we know whether it was a code without its suffix (quiet) or a broken one (more bytes). */
    private byte[] held;

    /** @param maxLength longest payload accepted; longer runs without a suffix are dropped as {@code TOO_LONG} */
    public SuffixFramer(Suffix suffix, int maxLength, Replies replies) {
        this.suffix = suffix.bytes();
        this.maxLength = maxLength;
        this.replies = replies;
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
     * The next code or reply, or empty when more bytes are needed.
     *
     * @throws ScanFrameException {@code TOO_LONG}; the bytes are already dropped, call again to go on
     */
    public Optional<Item> next() throws ScanFrameException {
        while (end > start) {
            if (discarding) {
                held = null; // more bytes before the silence: what stalled was the start of a broken code
                int s = indexOfSuffix();
                if (s < 0) {
                    int keep = Math.min(end - start, suffix.length - 1);
                    discarded += end - start - keep;
                    start = end - keep;
                    return Optional.empty();
                }
                discarded += s + suffix.length - start;
                start = s + suffix.length;
                discarding = false;
                continue;
            }
            int reply = replyLength();
            if (reply == 0) {
                return Optional.empty();
            }
            if (reply > 0) {
                byte[] raw = Arrays.copyOfRange(buf, start, start + reply);
                start += reply;
                return Optional.of(new Reply(raw));
            }
            int s = indexOfSuffix();
            if (s < 0) {
                if (end - start > maxLength + suffix.length) {
                    discarded += end - start;
                    start = end;
                    discarding = true;
                    throw new ScanFrameException(ScanFrameException.Problem.TOO_LONG,
                            "no suffix after " + maxLength + " bytes");
                }
                return Optional.empty();
            }
            byte[] payload = Arrays.copyOfRange(buf, start, s);
            start = s + suffix.length;
            if (payload.length == 0) {
                discarded += suffix.length; // a bare suffix is not a code
                continue;
            }
            if (payload.length > maxLength) {
                discarded += payload.length + suffix.length;
                throw new ScanFrameException(ScanFrameException.Problem.TOO_LONG,
                        "code of " + payload.length + " bytes, limit " + maxLength);
            }
            return Optional.of(new Data(payload));
        }
        return Optional.empty();
    }

    /** True when part of a code or reply has arrived and the rest is awaited. */
    public boolean inFrame() {
        return !discarding && end > start;
    }

    /** True while dropping the rest of a code that stalled. */
    public boolean discarding() {
        return discarding;
    }

    /**
     * The line went quiet mid-frame: the partial frame is set aside, and the rest of it dropped when it comes.
     *
     * @return the number of bytes set aside now
     */
    public int stall() {
        int n = end - start;
        // A module's reply is never a code; a code that was already being dropped stays dropped.
        held = n > 0 && !discarding && replyLength() < 0 ? Arrays.copyOfRange(buf, start, end) : null;
        discarded += n;
        start = end;
        discarding = n > 0 || discarding;
        return n;
    }

    /**
     * The line has been silent long enough that the next byte starts a new code.
     *
     * @return what stalled, when nothing came after it: a whole code its scanner sent without a suffix
     */
    public Optional<Data> quiet() {
        discarding = false;
        byte[] code = held;
        held = null;
        if (code == null) {
            return Optional.empty();
        }
        discarded -= code.length;
        return Optional.of(new Data(code));
    }

    public void reset() {
        start = 0;
        end = 0;
        discarding = false;
        held = null;
    }

    /** Bytes dropped so far: stalled and overlong frames, bare suffixes. */
    public long discardedBytes() {
        return discarded;
    }

    /** Length of a complete reply at the frame start; 0 when one may be starting but is incomplete; -1 when none. */
    private int replyLength() {
        int n = end - start;
        switch (replies) {
            case GM65 -> {
                if (!prefixMatches(0x02, 0x00, 0x00)) {
                    return -1;
                }
                if (n < 4) {
                    return 0;
                }
                int total = 4 + (buf[start + 3] & 0xFF) + 2;
                return n >= total ? total : 0;
            }
            case NEWLAND -> {
                if (!prefixMatches(0x02, 0x01, '0', '0', '0', '0')) {
                    return -1;
                }
                for (int i = start + 6; i + 1 < end && i - start < NEWLAND_REPLY_MAX; i++) {
                    if (buf[i] == ';' && buf[i + 1] == 0x03) {
                        return i + 2 - start;
                    }
                }
                return n < NEWLAND_REPLY_MAX ? 0 : -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** True when the buffered bytes agree with {@code prefix} as far as they go. */
    private boolean prefixMatches(int... prefix) {
        for (int i = 0; i < prefix.length && start + i < end; i++) {
            if ((buf[start + i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOfSuffix() {
        outer:
        for (int i = start; i + suffix.length <= end; i++) {
            for (int j = 0; j < suffix.length; j++) {
                if (buf[i + j] != suffix[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
