package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.receipt.EscPos;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a print service gives the villager, made from the county's answer: an A4 document (output
 * {@code a4}) or a receipt (output {@code receipt}). Both carry the answer's title, the person masked
 * (surname only; first 3 and last 4 characters of the number), the table, the county's footer, when
 * and where it was printed with a reference, and the verify code as a QR code when the county gave
 * one. Pure: same answer and stamp, same printout.
 */
public final class Printouts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** What the county sends as an amount, a count or a share: right-aligned on a receipt, as on A4. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?%?");
    /** Space between a receipt table's columns. */
    private static final int GAP = 2;

    static final String FOOTNOTE = "本件由粤智助政务服务自助终端打印，内容以经办机构系统为准。";

    private Printouts() {}

    /**
     * Whom a printout is for and where it was made.
     *
     * @param person    the identified villager, printed masked; null for a service that needs nobody
     * @param kioskId   the kiosk's id as enrolled; empty when not enrolled
     * @param reference what the printout is known by, e.g. {@link #reference}
     */
    public record Stamp(Person person, OffsetDateTime printedAt, String kioskId, String reference) {
        public Stamp {
            Objects.requireNonNull(printedAt, "printedAt");
            Objects.requireNonNull(kioskId, "kioskId");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * A printout's reference, shaped like a receipt number: the kiosk, the day, and the last six hex digits of the
     * print transaction's id ({@code WJ-0042-20261206-3FA9C1}). The outbox's receipt numbers are given when a
     * transaction is committed, which for a print is after the paper is out; the transaction's id is made before,
     * so the county finds the printout by it.
     */
    public static String reference(String kioskId, OffsetDateTime at, UUID transactionId) {
        String hex = Long.toHexString(transactionId.getLeastSignificantBits() & 0xFFFFFFL).toUpperCase(Locale.ROOT);
        return kioskName(kioskId) + "-" + at.format(DAY) + "-" + "0".repeat(6 - hex.length()) + hex;
    }

    /**
     * The answer on A4: its table over as many pages as it needs, the heading on each. The columns are measured
     * in the print's font, so call it off the JavaFX thread: the first call reads the installed fonts (about a
     * second on a busy two-core machine), later ones take milliseconds.
     */
    public static A4Document a4(QueryAnswer answer, Stamp stamp) {
        List<A4Document.Field> header = new ArrayList<>();
        if (stamp.person() != null) {
            header.add(new A4Document.Field("姓名", Mask.name(stamp.person().name())));
            header.add(new A4Document.Field("公民身份号码", Mask.number(stamp.person().idNumber())));
        }
        header.add(new A4Document.Field("打印时间", stamp.printedAt().format(TIME)));
        header.add(new A4Document.Field("打印终端", kioskName(stamp.kioskId())));
        header.add(new A4Document.Field("打印编号", stamp.reference()));
        List<List<String>> body = answer.body();
        return new A4Document(answer.title(), header, A4Document.fitColumns(answer.heading(), body), body,
                answer.verifyCode(), "扫码核验本件", FOOTNOTE, answer.footer());
    }

    /**
     * The answer on the receipt roll: the table as aligned columns when it fits the paper's width, otherwise each
     * row as "heading … value" lines, rows parted by a rule.
     */
    public static Receipt receipt(QueryAnswer answer, Stamp stamp, Paper paper) {
        Receipt.Builder b = Receipt.on(paper).title(answer.title()).separator();
        if (stamp.person() != null) {
            b.field("姓名", Mask.name(stamp.person().name())).field("证件号码", Mask.number(stamp.person().idNumber())).separator();
        }
        List<List<String>> body = answer.body();
        if (body.isEmpty()) {
            b.centred("（无记录）");
        } else {
            int[] widths = widths(answer.rows());
            int needed = (widths.length - 1) * GAP;
            for (int w : widths) {
                needed += w;
            }
            if (needed <= paper.columns()) {
                boolean[] numeric = numericColumns(answer.heading().size(), body);
                b.text(line(answer.heading(), widths, numeric)).separator();
                body.forEach(r -> b.text(line(r, widths, numeric)));
            } else {
                for (int r = 0; r < body.size(); r++) {
                    if (r > 0) {
                        b.separator();
                    }
                    for (int c = 0; c < body.get(r).size(); c++) {
                        b.field(answer.heading().get(c), body.get(r).get(c));
                    }
                }
            }
        }
        b.separator();
        if (!answer.footer().isBlank()) {
            b.text(answer.footer());
        }
        b.field("打印时间", stamp.printedAt().format(TIME)).field("终端", kioskName(stamp.kioskId()))
                .field("打印编号", stamp.reference());
        if (!answer.verifyCode().isEmpty()) {
            b.separator().qr(answer.verifyCode()).centred("扫码核验本凭条");
        }
        return b.centred("请妥善保管本凭条").build();
    }

    private static String kioskName(String kioskId) {
        return kioskId.isEmpty() ? "未登记" : kioskId;
    }

    /** Each column's printed width (Chinese 2, ASCII 1), heading included. */
    private static int[] widths(List<List<String>> rows) {
        int[] w = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.max(w[c], EscPos.columns(r.get(c)));
            }
        }
        return w;
    }

    private static boolean[] numericColumns(int n, List<List<String>> body) {
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            boolean any = false;
            boolean all = true;
            for (List<String> r : body) {
                String cell = r.get(c).strip();
                if (!cell.isEmpty()) {
                    any = true;
                    all &= NUMBER.matcher(cell).matches();
                }
            }
            numeric[c] = any && all;
        }
        return numeric;
    }

    /** One table line: each cell padded to its column, numbers flush right; no trailing spaces. */
    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - EscPos.columns(cell));
            if (c > 0) {
                sb.append(" ".repeat(GAP));
            }
            sb.append(numeric[c] ? pad + cell : cell + pad);
        }
        return sb.toString().stripTrailing();
    }
}
