package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.sscard.SsCard;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * What the screens may show of who the villager is: the name and number already masked, everything
 * else reduced to values the views put into words in the language on screen. A view never holds the
 * full name or number.
 *
 * @param name      masked name (surname kept)
 * @param cardType  the ID card's kind; null when they identified another way
 * @param sex       null when nothing says (a number the kiosk cannot read it from)
 * @param number    masked card number (first 3 and last 4 kept)
 * @param nation    民族 with 族 ("瑶族") as on the card, empty when the card has none
 * @param age       -1 when nothing says
 * @param validFrom null when there is no card to be valid (a 粤省事码)
 * @param validTo   null when the card is valid for the long term (长期), or there is no card
 * @param problems  what does not add up on the card; empty when the card is fine
 * @param elder     60 or older: the kiosk suggests 长辈模式
 * @param photo     the card's photo, or a neutral figure when they identified without the ID card
 * @param how       how they identified
 */
public record MaskedIdentity(String name, CardType cardType, Sex sex, String nation, int age, String number,
                             LocalDate validFrom, LocalDate validTo, List<CardCheck> problems, boolean elder,
                             PhotoDecoder.Photo photo, Identity how) {

    /** Age from which the kiosk suggests elder mode (BRIEF: "60 or older"). */
    public static final int ELDER_AGE = 60;

    public MaskedIdentity {
        problems = List.copyOf(problems);
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(how, "how");
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
                photos.decode(card.photo()),
                Identity.IDCARD);
    }

    /**
     * A villager identified by their ID card ({@link #of(IdCard, LocalDate, PhotoDecoder)}), their social
     * security card or a 粤省事码. Without the ID card there is no photo: {@code photos} draws its neutral figure.
     */
    public static MaskedIdentity of(Villager v, LocalDate today, PhotoDecoder photos) {
        if (v.card() != null) {
            return of(v.card(), today, photos);
        }
        LocalDate born = v.birthDate().orElse(null);
        int age = born == null ? -1 : Period.between(born, today).getYears();
        SsCard ss = v.ssCard();
        return new MaskedIdentity(
                Mask.name(v.name()),
                null,
                v.sex().orElse(null),
                v.nation().map(MaskedIdentity::nation).orElse(""),
                age,
                Mask.number(v.idNumber()),
                ss == null ? null : ss.issueDate(),
                ss == null ? null : ss.expiryDate(),
                List.of(),
                age >= ELDER_AGE,
                photos.decode(new byte[0]),
                v.how());
    }

    /** True when the card can be used to go on with a service. */
    public boolean canContinue() {
        return problems.isEmpty();
    }

    public boolean longTerm() {
        return validFrom != null && validTo == null;
    }

    private static String nation(String name) {
        if (name.isEmpty() || name.equals("其他") || name.startsWith("外国") || name.chars().allMatch(Character::isDigit)) {
            return name;
        }
        return name + "族";
    }

    @Override
    public String toString() {
        return "MaskedIdentity[" + (cardType != null ? cardType : how.wire()) + ", " + name + ", " + number + "]";
    }
}
