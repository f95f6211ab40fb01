package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns the byte stream of either side of an SSP link into {@link SspFrame}s. Push bytes in any chunks
 * with {@link #feed}; pull frames with {@link #next}. The rules are ITL's own receiver's (essp.md §1):
 * {@code 7F 7F} inside a packet is one data byte 0x7F; a lone 0x7F part way through a packet throws the
 * packet away and the next byte is the SEQ/ID of a new one. Pure: no I/O, no clocks, not thread-safe.
 *
 * <p>Bytes that are not part of a good frame end in an {@link SspException}; the decoder keeps its place,
 * so calling {@link #next} again goes on with what follows. Whatever the bytes before it were, a good
 * frame is decoded whole as long as the byte just before its STX is not an unpaired 0x7F (which, by the
 * protocol's own rule, makes the STX a stuffed data byte).
 */
public final class SspFrameDecoder {

    private enum State { HUNT, SEQ, LEN, DATA, CRC_LO, CRC_HI }

    private byte[] in = new byte[512];
    private int inStart;
    private int inEnd;

    private State state = State.HUNT;
    /** A 0x7F was read inside a packet; the next byte decides: stuffed data or a new STX. */
    private boolean pendingStx;
    private int seqId;
    private int len;
    private final byte[] data = new byte[SspFrame.MAX_DATA];
    private int got;
    private int crcLo;
    private int garbage;
    private long discarded;

    public void feed(byte[] bytes, int offset, int length) {
        if (inEnd + length > in.length) {
            System.arraycopy(in, inStart, in, 0, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
            if (inEnd + length > in.length) {
                in = Arrays.copyOf(in, Math.max(in.length * 2, inEnd + length));
            }
        }
        System.arraycopy(bytes, offset, in, inEnd, length);
        inEnd += length;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * The next complete good frame, or empty when more bytes are needed.
     *
     * @throws SspException for bytes that are not a good frame; they are already consumed
     */
    public Optional<SspFrame> next() throws SspException {
        while (inStart < inEnd) {
            int b = in[inStart++] & 0xFF;
            if (state == State.HUNT) {
                if (b == SspFrame.STX) {
                    startPacket();
                    if (garbage > 0) {
                        throw garbageError();
                    }
                } else {
                    garbage++;
                    discarded++;
                }
                continue;
            }
            if (pendingStx) {
                pendingStx = false;
                if (b != SspFrame.STX) {
                    // A lone STX: what came so far is lost, this byte is the new packet's SEQ/ID.
                    int lost = bytesSoFar();
                    discarded += lost + 1;
                    startPacket();
                    SspException cut = new SspException(Problem.CUT_SHORT,
                            "SSP frame cut short by a new STX after " + lost + " bytes");
                    accept(b);
                    throw cut;
                }
                // 7F 7F: one data byte 0x7F.
            } else if (b == SspFrame.STX) {
                pendingStx = true;
                continue;
            }
            Optional<SspFrame> frame = accept(b);
            if (frame.isPresent()) {
                return frame;
            }
        }
        if (state == State.HUNT && garbage > 0) {
            throw garbageError();
        }
        return Optional.empty();
    }

    /** True while a frame has started and not ended. */
    public boolean inFrame() {
        return state != State.HUNT;
    }

    /** Bytes that were not part of any good frame so far. */
    public long discardedBytes() {
        return discarded;
    }

    /** Forgets everything buffered and any frame in progress (the host does this before each command). */
    public void reset() {
        inStart = 0;
        inEnd = 0;
        state = State.HUNT;
        pendingStx = false;
        garbage = 0;
    }

    private void startPacket() {
        state = State.SEQ;
        pendingStx = false;
        got = 0;
    }

    private int bytesSoFar() {
        return switch (state) {
            case HUNT -> 0;
            case SEQ -> 1;
            case LEN -> 2;
            case DATA -> 3 + got;
            case CRC_LO -> 3 + len;
            case CRC_HI -> 4 + len;
        };
    }

    private SspException garbageError() {
        int n = garbage;
        garbage = 0;
        return new SspException(Problem.GARBAGE, n + " bytes outside any SSP frame skipped");
    }

    /** One unstuffed byte of the packet in progress. */
    private Optional<SspFrame> accept(int b) throws SspException {
        switch (state) {
            case SEQ -> {
                if ((b & 0x7F) > SspFrame.MAX_ADDRESS) {
                    state = State.HUNT;
                    discarded += 2;
                    throw new SspException(Problem.BAD_HEADER, String.format("SEQ/ID %02X names no slave", b));
                }
                seqId = b;
                state = State.LEN;
            }
            case LEN -> {
                if (b == 0) {
                    state = State.HUNT;
                    discarded += 3;
                    throw new SspException(Problem.BAD_HEADER, "SSP frame with LEN 0");
                }
                len = b;
                got = 0;
                state = State.DATA;
            }
            case DATA -> {
                data[got++] = (byte) b;
                if (got == len) {
                    state = State.CRC_LO;
                }
            }
            case CRC_LO -> {
                crcLo = b;
                state = State.CRC_HI;
            }
            case CRC_HI -> {
                state = State.HUNT;
                byte[] body = new byte[len + 2];
                body[0] = (byte) seqId;
                body[1] = (byte) len;
                System.arraycopy(data, 0, body, 2, len);
                int expected = SspCrc.crc(body);
                int actual = crcLo | (b << 8);
                if (expected != actual) {
                    discarded += 5 + len;
                    throw new SspException(Problem.BAD_CRC,
                            String.format("SSP CRC %04X, expected %04X over %d data bytes", actual, expected, len));
                }
                return Optional.of(new SspFrame(seqId, Arrays.copyOf(data, len)));
            }
            default -> throw new IllegalStateException();
        }
        return Optional.empty();
    }
}
