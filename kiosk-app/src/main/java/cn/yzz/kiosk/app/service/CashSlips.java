package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The slips cash prints on the receipt printer besides the receipt: the change voucher a villager takes
 * to the village committee (the kiosk gives no change), and the cash box audit an administrator signs when
 * the box is emptied. Both masked, both laid out as {@link Receipt}s.
 */
public final class CashSlips {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Under the voucher's QR code and on screen: what to do with it. */
    public static final String VOUCHER_FOOTER = "凭此券到村委会领取找零";

    /**
     * A change voucher.
     *
     * @param number     the voucher number the journal gave it (its QR code carries exactly this)
     * @param fen        what the village committee pays out
     * @param insertedFen the cash the villager put in
     * @param maskedName the payer, masked; empty when the payment had nobody identified
     * @param kioskId    the kiosk as enrolled ("" when not)
     * @param receiptNo  the payment's receipt number when it was paid; null for a voucher of an unpaid payment
     */
    public record Voucher(String number, long fen, long insertedFen, String maskedName, String kioskId, OffsetDateTime at,
                          String receiptNo) {
        public Voucher {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(at, "at");
            if (fen <= 0) {
                throw new IllegalArgumentException("a voucher is for a positive amount, not " + fen);
            }
        }
    }

    /**
     * A cash box audit: the box's notes of one period, from the {@code cash-audit} transaction the journal queued
     * when the box came back.
     *
     * @param notes            value in fen → how many notes
     * @param unattributedFen  in the box with no payment to put them in (the administrator reconciles them)
     */
    public record Audit(String kioskId, SortedMap<Long, Integer> notes, long cashboxFen, long unattributedFen,
                        String from, String to, String journalHash) {
        public Audit {
            notes = new TreeMap<>(notes);
            journalHash = journalHash == null ? "" : journalHash;
        }

        public Audit(String kioskId, SortedMap<Long, Integer> notes, long cashboxFen, long unattributedFen, String from, String to) {
            this(kioskId, notes, cashboxFen, unattributedFen, from, to, "");
        }

        public int noteCount() {
            return notes.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** From the {@code cash} of a {@code cash-audit} transaction ({@code cashboxFen}, {@code notes}, period). */
        public static Audit of(Transaction t, String kioskId) {
            Map<String, Object> c = t.cash() == null ? Map.of() : t.cash();
            SortedMap<Long, Integer> notes = new TreeMap<>();
            if (c.get("notes") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> notes.put(Long.parseLong(String.valueOf(k)), ((Number) v).intValue()));
            }
            long box = c.get("cashboxFen") instanceof Number n ? n.longValue()
                    : notes.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
            long unattributed = c.get("unattributedFen") instanceof Number n ? n.longValue() : 0;
            return new Audit(kioskId, notes, box, unattributed, time(first(c, "periodStart", "from", "since")),
                    time(first(c, "periodEnd", "to", "until")).isEmpty() ? t.createdAt().format(TIME)
                            : time(first(c, "periodEnd", "to", "until")), c.get("journalHash") == null ? "" : c.get("journalHash").toString());
        }

        private static Object first(Map<String, Object> c, String... keys) {
            for (String k : keys) {
                if (c.get(k) != null) {
                    return c.get(k);
                }
            }
            return null;
        }

        private static String time(Object v) {
            if (v == null) {
                return "";
            }
            try {
                return OffsetDateTime.parse(v.toString()).format(TIME);
            } catch (DateTimeParseException e) {
                return v.toString();
            }
        }
    }

    private CashSlips() {}

    /** The change voucher: its number, the amount in big figures, whose, where and when, and a QR code of its number. */
    public static Receipt voucher(Voucher v, Paper paper) {
        Receipt.Builder b = Receipt.on(paper).title("找零券").separator()
                .title(Money.text(v.fen()) + " 元") // big double-size figures (no ¥: the printer's GB18030 code page lacks it)
                .field("券号", v.number())
                .amount("找零金额", Money.yuan(v.fen()))
                .separator();
        if (!v.maskedName().isEmpty()) {
            b.field("缴费人", v.maskedName());
        }
        b.field("投入现金", Money.text(v.insertedFen()) + " 元");
        if (v.receiptNo() != null) {
            b.field("缴费凭条", v.receiptNo());
        } else {
            b.field("缴费", "未缴费（已取消）");
        }
        return b.field("终端", kiosk(v.kioskId()))
                .field("时间", v.at().format(TIME))
                .separator()
                .qr(v.number())
                .centred(VOUCHER_FOOTER)
                .centred("本机不找零，请妥善保管本券")
                .build();
    }

    /** The audit the administrator signs: the notes of each value, the total, the period. */
    public static Receipt audit(Audit a, Paper paper) {
        Receipt.Builder b = Receipt.on(paper).title("钱箱清点单").separator()
                .field("终端", kiosk(a.kioskId()))
                .field("起", a.from().isEmpty() ? "上次清点" : a.from())
                .field("止", a.to())
                .separator();
        for (Map.Entry<Long, Integer> e : a.notes().entrySet()) {
            b.field(Money.text(e.getKey()).replace(".00", "") + " 元 × " + e.getValue() + " 张",
                    Money.text(e.getKey() * e.getValue()) + " 元");
        }
        if (a.notes().isEmpty()) {
            b.text("钱箱里没有纸币");
        }
        b.separator().field("合计张数", a.noteCount() + " 张").amount("合计金额", Money.yuan(a.cashboxFen()));
        if (a.unattributedFen() > 0) {
            b.field("其中未归属", Money.text(a.unattributedFen()) + " 元（请核对）");
        }
        if (!a.journalHash().isEmpty()) {
            // The journal's hash chain head: the county can check that this slip and the journal it holds agree.
            b.separator().text("账目校验码：" + a.journalHash().substring(0, Math.min(16, a.journalHash().length())));
        }
        return b.separator()
                .text("清点人签字：")
                .feed(2)
                .text("核对人签字：")
                .feed(2)
                .centred("请与钱箱里的现金核对后签字留存")
                .build();
    }

    private static String kiosk(String id) {
        return id == null || id.isEmpty() ? "未登记" : id;
    }
}
