package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * What the identity screen may show of a card: every field already masked or reduced to plain
 * words, so the view never holds the full name or number.
 *
 * @param name      masked name (surname kept)
 * @param number    masked card number (first 3 and last 4 kept)
 * @param nation    民族 with 族 ("瑶族"), empty when the card has none
 * @param validity  "2011.06.01 至 2031.06.01", or "… 至 长期"
 * @param problems  what does not add up on the card, in plain words; empty when the card is fine
 * @param advice    what to do about the problems; empty when there are none
 * @param elder     60 or older: the kiosk will suggest 长辈模式
 */
public record MaskedIdentity(String name, String cardType, String sex, String nation, String age, String number,
                             String validity, List<String> problems, String advice, boolean elder,
                             PhotoDecoder.Photo photo) {

    /** Age from which the kiosk suggests elder mode (BRIEF: "60 or older"). */
    public static final int ELDER_AGE = 60;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    public MaskedIdentity {
        problems = List.copyOf(problems);
        Objects.requireNonNull(photo, "photo");
    }

    public static MaskedIdentity of(IdCard card, LocalDate today, PhotoDecoder photos) {
        List<CardCheck> checks = card.checks(today);
        List<String> problems = checks.stream().map(CardCheck::text).toList();
        String advice = checks.isEmpty() ? "" : "此证件不能继续办理业务，请带上证件到村委会咨询";
        int age = card.ageOn(today);
        return new MaskedIdentity(
                Mask.name(card.displayName()),
                card.cardType().displayName(),
                card.sex().text(),
                nation(card.nation()),
                age + " 岁",
                Mask.number(card.idNumber()),
                card.validFrom().format(DAY) + " 至 " + (card.longTerm() ? "长期" : card.validTo().format(DAY)),
                problems,
                advice,
                age >= ELDER_AGE,
                photos.decode(card.photo()));
    }

    /** True when the card can be used to go on with a service. */
    public boolean canContinue() {
        return problems.isEmpty();
    }

    private static String nation(String name) {
        if (name.isEmpty() || name.equals("其他") || name.startsWith("外国") || name.chars().allMatch(Character::isDigit)) {
            return name;
        }
        return name + "族";
    }

    @Override
    public String toString() {
        return "MaskedIdentity[" + cardType + ", " + name + ", " + number + "]";
    }
}
