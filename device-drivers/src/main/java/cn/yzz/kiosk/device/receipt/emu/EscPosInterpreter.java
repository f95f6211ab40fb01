package cn.yzz.kiosk.device.receipt.emu;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The printer's command parser: bytes in, in whatever pieces they arrive; commands out to the
 * {@link PaperRoll}. Each command is recognised by its prefix and takes a fixed or length-prefixed
 * number of argument bytes, as in a real printer's firmware (devices.md §4.8). An unknown
 * {@code ESC x} or {@code GS x} is skipped as two bytes, as a printer would, and recorded, because
 * a host that sends one is out of step with the printer.
 */
final class EscPosInterpreter {

    private static final Charset GBK = Charset.forName("GBK");
    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;
    private static final int FS = 0x1C;
    private static final int DLE = 0x10;
    /** The widest raster we accept; beyond it the header is taken as garbage. */
    private static final int MAX_RASTER_ROW_BYTES = 255;
    private static final int MAX_RASTER_ROWS = 4095;

    private final PaperRoll roll;
    private final IntConsumer statusRequest;
    private final Runnable cut;
    private final List<String> unknown = new ArrayList<>();

    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private boolean chinese;
    private long jobBytes;
    private int qrModule = 3;
    private ErrorCorrectionLevel qrLevel = ErrorCorrectionLevel.L;
    private byte[] qrData;

    /**
     * @param statusRequest called with n for every {@code DLE EOT n}, at once
     * @param cut           called for every {@code GS V}
     */
    EscPosInterpreter(PaperRoll roll, IntConsumer statusRequest, Runnable cut) {
        this.roll = roll;
        this.statusRequest = statusRequest;
        this.cut = cut;
    }

    void feed(byte[] data, int off, int len) {
        if (end + len > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (end + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + len));
            }
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
        int n;
        while (start < end && (n = step()) > 0) {
            if (!(n == 3 && at(0) == DLE && at(1) == 0x04)) {
                jobBytes += n;
            }
            start += n;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Drops a command that stopped arriving half way, as a printer's receive timeout does. */
    void reset() {
        start = 0;
        end = 0;
    }

    boolean inCommand() {
        return start < end;
    }

    /** Bytes taken by anything but status requests. */
    long jobBytes() {
        return jobBytes;
    }

    /** Commands that were not understood, e.g. {@code ESC 0x78}. */
    List<String> unknownCommands() {
        return List.copyOf(unknown);
    }

    /** Bytes taken by the command at {@code start}, or 0 when it has not fully arrived. */
    private int step() {
        int b = at(0);
        switch (b) {
            case 0x0A:
                roll.lineFeed();
                return 1;
            case DLE:
                return dle();
            case ESC:
                return esc();
            case GS:
                return gs();
            case FS:
                return fs();
            case 0x12: // DC2 T self-test: nothing to print here
                return need(2) ? 2 : 0;
            default:
                break;
        }
        if (b < 0x20 || b == 0x7F) {
            return 1; // other control bytes (CR, HT, NUL…) do nothing on this printer
        }
        if (chinese && b >= 0x81 && b <= 0xFE) {
            if (!need(2)) {
                return 0;
            }
            String ch = new String(buf, start, 2, GBK);
            roll.character(ch.length() == 1 && ch.charAt(0) != '\uFFFD' ? ch : "?", true);
            return 2;
        }
        roll.character(b < 0x7F ? String.valueOf((char) b) : "?", false);
        return 1;
    }

    private int dle() {
        if (!need(3)) {
            return 0;
        }
        if (at(1) == 0x04) {
            statusRequest.accept(at(2));
            return 3;
        }
        return unknown("DLE", 2);
    }

    private int esc() {
        if (!need(2)) {
            return 0;
        }
        int c = at(1);
        switch (c) {
            case '@':
                roll.reset();
                chinese = false;
                return 2;
            case '2':
                roll.lineSpacing(PaperRoll.DEFAULT_LINE_SPACING);
                return 2;
            case 'a': case 'E': case '!': case 'd': case 'J': case '3': case 't': case '-': case 'M': case 'G': case 'R': case '{':
                if (!need(3)) {
                    return 0;
                }
                int n = at(2);
                switch (c) {
                    case 'a' -> roll.align(n);
                    case 'E' -> roll.bold((n & 1) != 0);
                    case '!' -> roll.printMode(n);
                    case 'd' -> roll.feedLines(n);
                    case 'J' -> roll.feedDots(n);
                    case '3' -> roll.lineSpacing(n);
                    default -> { } // code table, underline, font, rotation: no effect on this rendering
                }
                return 3;
            case 'p':
                return need(5) ? 5 : 0;
            default:
                return unknown("ESC", 2);
        }
    }

    private int gs() {
        if (!need(2)) {
            return 0;
        }
        int c = at(1);
        switch (c) {
            case '!':
                if (!need(3)) {
                    return 0;
                }
                roll.size(at(2));
                return 3;
            case 'V':
                return cutCommand();
            case '(':
                return gsParen();
            case 'v':
                return raster();
            case 'a': case 'B': case 'H': case 'h': case 'w': case 'f': case 'b':
                return need(3) ? 3 : 0;
            default:
                return unknown("GS", 2);
        }
    }

    private int cutCommand() {
        if (!need(3)) {
            return 0;
        }
        int m = at(2);
        if (m == 0 || m == 1 || m == 0x30 || m == 0x31) {
            cut.run();
            return 3;
        }
        if (m == 0x41 || m == 0x42) { // feed n then cut
            if (!need(4)) {
                return 0;
            }
            roll.feedDots(at(3));
            cut.run();
            return 4;
        }
        return unknown("GS V", 3);
    }

    private int gsParen() {
        if (!need(5)) {
            return 0;
        }
        int fnGroup = at(2);
        int len = at(3) | at(4) << 8;
        if (!need(5 + len)) {
            return 0;
        }
        if (fnGroup == 'k' && len >= 2 && at(5) == 0x31) {
            qr(at(6), len);
        } else {
            unknown.add(String.format("GS ( 0x%02X", fnGroup));
        }
        return 5 + len;
    }

    /** GS ( k, cn = 49 (devices.md §4.4); the arguments start at offset 7. */
    private void qr(int fn, int len) {
        switch (fn) {
            case 0x41 -> { } // model: model 2 is what ZXing makes
            case 0x43 -> qrModule = Math.max(1, Math.min(16, at(7)));
            case 0x45 -> qrLevel = switch (at(7)) {
                case 49 -> ErrorCorrectionLevel.M;
                case 50 -> ErrorCorrectionLevel.Q;
                case 51 -> ErrorCorrectionLevel.H;
                default -> ErrorCorrectionLevel.L;
            };
            case 0x50 -> qrData = Arrays.copyOfRange(buf, start + 8, start + 5 + len); // after m = 0x30
            case 0x51 -> {
                if (qrData != null && qrData.length > 0) {
                    roll.qr(qrData, qrModule, qrLevel);
                }
            }
            default -> { } // 0x52 transmit size: nothing to send back in this subset
        }
    }

    private int raster() {
        if (!need(8)) {
            return 0;
        }
        if (at(2) != '0' && at(2) != 0) {
            return unknown("GS v", 3);
        }
        int m = at(3);
        int rowBytes = at(4) | at(5) << 8;
        int rows = at(6) | at(7) << 8;
        if (rowBytes > MAX_RASTER_ROW_BYTES || rows > MAX_RASTER_ROWS) {
            unknown.add("GS v 0 " + rowBytes + "x" + rows);
            return 8;
        }
        int total = 8 + rowBytes * rows;
        if (!need(total)) {
            return 0;
        }
        byte[] bits = Arrays.copyOfRange(buf, start + 8, start + total);
        roll.raster(rowBytes, rows, bits, (m & 1) != 0 ? 2 : 1, (m & 2) != 0 ? 2 : 1);
        return total;
    }

    private int fs() {
        if (!need(2)) {
            return 0;
        }
        switch (at(1)) {
            case '&':
                chinese = true;
                return 2;
            case '.':
                chinese = false;
                return 2;
            case '!': case 'C': case 'W':
                return need(3) ? 3 : 0;
            default:
                return unknown("FS", 2);
        }
    }

    private int unknown(String prefix, int skip) {
        unknown.add(String.format("%s 0x%02X", prefix, at(1)));
        return skip;
    }

    private boolean need(int n) {
        return end - start >= n;
    }

    private int at(int i) {
        return buf[start + i] & 0xFF;
    }
}
