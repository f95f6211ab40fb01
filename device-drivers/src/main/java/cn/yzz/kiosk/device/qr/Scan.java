package cn.yzz.kiosk.device.qr;

import java.time.Instant;
import java.util.Objects;

/**
 * One scanned code. The text may be a 粤省事 code, which is a credential that can be replayed
 * until it expires (devices.md §3.6): {@link #toString()} and {@link #masked()} never show it
 * whole; only {@link #text()} does, for the service that verifies it.
 *
 * @param text    the payload as text (see {@link ScanText} for the UTF-8 / GBK rule)
 * @param charset how the bytes were read: {@code UTF-8}, {@code GBK} or {@code GBK?}
 * @param bytes   the payload's length on the wire, in bytes
 * @param at      when the last byte arrived
 */
public record Scan(String text, String charset, int bytes, Instant at) {

    /** Characters kept at each end by {@link #masked()}. */
    static final int KEEP_HEAD = 4;
    static final int KEEP_TAIL = 2;

    public Scan {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The first 4 and last 2 characters with the count between: {@code http…3f（共 48 字符）}. Enough
     * for an installer to tell codes apart, too little to replay one. Codes of 8 characters or
     * fewer show only their length.
     */
    public String masked() {
        int n = text.codePointCount(0, text.length());
        if (n <= KEEP_HEAD + KEEP_TAIL + 2) {
            return "*".repeat(n) + "（共 " + n + " 字符）";
        }
        int headEnd = text.offsetByCodePoints(0, KEEP_HEAD);
        int tailStart = text.offsetByCodePoints(text.length(), -KEEP_TAIL);
        return text.substring(0, headEnd) + "…" + text.substring(tailStart) + "（共 " + n + " 字符）";
    }

    @Override
    public String toString() {
        return "Scan[" + masked() + ", " + charset + ", " + bytes + " B]";
    }
}
