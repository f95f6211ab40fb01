package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.sscard.SsCard;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The villager a visit serves, and how they proved who they are: their resident ID card, a 粤省事码 the county
 * resolved, or their social security card. A service run needs only the name and the number; what else the
 * card said ({@link #card()}, {@link #ssCard()}) is there for the questions a form fills from it.
 * {@link #toString()} is masked.
 *
 * @param how     the way they identified
 * @param card    the ID card as read, when {@code how} is {@link Identity#IDCARD}; else null
 * @param ssCard  the social security card as read, when {@code how} is {@link Identity#SSCARD}; else null
 */
public record Villager(Identity how, String name, String idNumber, IdCard card, SsCard ssCard) {

    public Villager {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        if ((how == Identity.IDCARD) != (card != null) || (how == Identity.SSCARD) != (ssCard != null)) {
            throw new IllegalArgumentException("a villager identified by " + how + " carries that card, and only that one");
        }
    }

    public static Villager of(IdCard card) {
        return new Villager(Identity.IDCARD, card.name(), card.idNumber(), card, null);
    }

    public static Villager of(SsCard card) {
        return new Villager(Identity.SSCARD, card.name(), card.idNumber(), null, card);
    }

    /** The person a scanned 粤省事码 stands for, as the county resolved it. */
    public static Villager byCode(Person p) {
        return new Villager(Identity.YSS_CODE, p.name(), p.idNumber(), null, null);
    }

    public Person person() {
        return new Person(idNumber, name);
    }

    /** Whether a card of theirs is (or was) in a reader, so the end reminds them to take it. */
    public boolean leftACard() {
        return how == Identity.IDCARD || how == Identity.SSCARD;
    }

    public Optional<Sex> sex() {
        if (card != null) {
            return Optional.of(card.sex());
        }
        if (ssCard != null && ssCard.sex() != null) {
            return Optional.of(ssCard.sex());
        }
        return Optional.ofNullable(IdNumbers.sex(idNumber)); // the county vouches for the number; its check character is not ours to judge
    }

    public Optional<LocalDate> birthDate() {
        if (card != null) {
            return Optional.ofNullable(card.birthDate());
        }
        if (ssCard != null && ssCard.birthDate() != null) {
            return Optional.of(ssCard.birthDate());
        }
        return Optional.ofNullable(IdNumbers.birthDate(idNumber));
    }

    /** 民族 as the card names it; empty when no card said. */
    public Optional<String> nation() {
        if (card != null) {
            return Optional.ofNullable(card.nation()).filter(n -> !n.isEmpty());
        }
        if (ssCard != null) {
            return Optional.ofNullable(ssCard.nation()).filter(n -> !n.isEmpty());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Villager[" + how.wire() + ", " + Mask.name(name) + ", " + Mask.number(idNumber) + "]";
    }
}
