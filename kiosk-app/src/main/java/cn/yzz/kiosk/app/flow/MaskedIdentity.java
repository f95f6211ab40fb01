package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the screens may show of a card: the name and number already masked, everything else
 * reduced to values the views put into words in the language on screen. A view never holds the
 * full name or number.
 *
 * @param name     masked name (surname kept)
 * @param number   masked card number (first 3 and last 4 kept)
 * @param nation   民族 with 族 ("瑶族") as on the card, empty when the card has none
 * @param validTo  null when the card is valid for the long term (长期)
 * @param problems what does not add up on the card; empty when the card is fine
 * @param elder    60 or older: the kiosk suggests 长辈模式
 */
public record MaskedIdentity(String name, CardType cardType, Sex sex, String nation, int age, String number,
                             LocalDate validFrom, LocalDate validTo, List<CardCheck> problems, boolean elder,
                             PhotoDecoder.Photo photo) {

    /** Age from which the kiosk suggests elder mode (BRIEF: "60 or older"). */
    public static final int ELDER_AGE = 60;

    public MaskedIdentity {
        problems = List.copyOf(problems);
        Objects.requireNonNull(photo, "photo");
    }

    public static MaskedIdentity of(IdCard card, LocalDate today, PhotoDecoder photos) {
        int age = card.ageOn(today);
        return new MaskedIdentity(
                Mask.name(card.displayName()),
                card.cardType(),
                card.sex(),
                nation(card.nation()),
                age,
                Mask.number(card.idNumber()),
                card.validFrom(),
                card.longTerm() ? null : card.validTo(),
                card.checks(today),
                age >= ELDER_AGE,
                photos.decode(card.photo()));
    }

    /** True when the card can be used to go on with a service. */
    public boolean canContinue() {
        return problems.isEmpty();
    }

    public boolean longTerm() {
        return validTo == null;
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
