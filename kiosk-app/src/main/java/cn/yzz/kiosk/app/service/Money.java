package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Spoken;
import java.math.BigDecimal;

/** Money is whole fen everywhere; these say it on screen ("300.00") and aloud ("三百元"). */
public final class Money {

    private Money() {}

    public static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** "1,380.50": with thousands separators, always two decimals. */
    public static String text(long fen) {
        return String.format(java.util.Locale.ROOT, "%,.2f", yuan(fen));
    }

    public static Spoken spoken(long fen) {
        return Spoken.amount(yuan(fen));
    }
}
