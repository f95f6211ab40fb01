package cn.yzz.kiosk.device.idcard;

import cn.yzz.kiosk.device.Mask;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a resident ID card, residence permit or foreigner's permanent residence card holds.
 * Fields a layout does not have are empty strings, never null; {@code validTo} is null for
 * 长期 (long-term) cards. {@link #toString()} is masked, so a card can never reach a log in full.
 *
 * @param name         Chinese name (empty on a 2017 foreigner card without one)
 * @param englishName  English name (foreigner cards only)
 * @param nationCode   two-digit 民族 code (resident cards only)
 * @param nationality  ISO 3166-1 alpha-3 nationality (foreigner cards only)
 * @param idNumber     the card's own number: citizen ID, residence permit or permanent residence number
 * @param issuer       issuing authority (a code on 2017 foreigner cards)
 * @param passNumber   travel permit number (residence permits only)
 * @param issueCount   签发次数 (residence permits) or 换证次数 (2023 foreigner cards)
 * @param cardVersion  证件版本号 (2017 foreigner cards)
 * @param photo        the 1024-byte WLT photo, opaque; see {@link PhotoDecoder}
 * @param fingerprint  fingerprint templates, empty when not read or absent
 */
public record IdCard(
        CardType cardType,
        String name,
        String englishName,
        Sex sex,
        String nationCode,
        String nationality,
        LocalDate birthDate,
        String address,
        String idNumber,
        String issuer,
        LocalDate validFrom,
        LocalDate validTo,
        String passNumber,
        String issueCount,
        String cardVersion,
        byte[] photo,
        byte[] fingerprint) {

    public IdCard {
        Objects.requireNonNull(cardType, "cardType");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(validFrom, "validFrom");
        name = Objects.requireNonNullElse(name, "");
        englishName = Objects.requireNonNullElse(englishName, "");
        nationCode = Objects.requireNonNullElse(nationCode, "");
        nationality = Objects.requireNonNullElse(nationality, "");
        address = Objects.requireNonNullElse(address, "");
        idNumber = Objects.requireNonNull(idNumber, "idNumber");
        issuer = Objects.requireNonNullElse(issuer, "");
        passNumber = Objects.requireNonNullElse(passNumber, "");
        issueCount = Objects.requireNonNullElse(issueCount, "");
        cardVersion = Objects.requireNonNullElse(cardVersion, "");
        photo = photo == null ? new byte[0] : photo;
        fingerprint = fingerprint == null ? new byte[0] : fingerprint;
    }

    /** 民族 name, e.g. 瑶; empty when the card has none. */
    public String nation() {
        return Nations.name(nationCode);
    }

    public boolean longTerm() {
        return validTo == null;
    }

    /** {@code yyyy-MM-dd} or 长期. */
    public String validToText() {
        return validTo == null ? "长期" : validTo.toString();
    }

    /** The name to greet the holder by: Chinese if the card has one, else English. */
    public String displayName() {
        return name.isEmpty() ? englishName : name;
    }

    /** Age in whole years on {@code today}. */
    public int ageOn(LocalDate today) {
        return java.time.Period.between(birthDate, today).getYears();
    }

    /** Consistency problems found on {@code today}; empty when the card is fine. */
    public List<CardCheck> checks(LocalDate today) {
        List<CardCheck> problems = new ArrayList<>();
        switch (cardType) {
            case RESIDENT, HKMOTW -> {
                if (!IdNumbers.isValid18(idNumber)) {
                    problems.add(CardCheck.BAD_CHECK_DIGIT);
                }
                LocalDate inNumber = IdNumbers.birthDate(idNumber);
                if (inNumber != null && !inNumber.equals(birthDate)) {
                    problems.add(CardCheck.BIRTH_DATE_MISMATCH);
                }
                Sex bySequence = IdNumbers.sex(idNumber);
                if (bySequence != null && (sex == Sex.MALE || sex == Sex.FEMALE) && bySequence != sex) {
                    problems.add(CardCheck.SEX_MISMATCH);
                }
            }
            case FOREIGN_2023 -> {
                if (!IdNumbers.isValid18(idNumber) || idNumber.charAt(0) != '9') {
                    problems.add(CardCheck.BAD_CHECK_DIGIT);
                }
                LocalDate inNumber = IdNumbers.birthDate(idNumber);
                if (inNumber != null && !inNumber.equals(birthDate)) {
                    problems.add(CardCheck.BIRTH_DATE_MISMATCH);
                }
            }
            case FOREIGN_2017 -> {
                if (!IdNumbers.isForeign2017(idNumber)) {
                    problems.add(CardCheck.BAD_CHECK_DIGIT);
                }
            }
        }
        if (today.isBefore(validFrom)) {
            problems.add(CardCheck.NOT_YET_VALID);
        }
        if (validTo != null && today.isAfter(validTo)) {
            problems.add(CardCheck.EXPIRED);
        }
        return problems;
    }

    @Override
    public String toString() {
        return "IdCard[" + cardType.jsonName() + ", " + Mask.name(displayName()) + ", " + Mask.number(idNumber) + "]";
    }
}
