package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.Nations;
import cn.yzz.kiosk.device.idcard.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the social security application of a 社会保障卡 tells about its holder. {@link #toString()}
 * is masked, so a card can never reach a log in full.
 *
 * @param cardIdentifier 卡识别码, 16 bytes as 32 hex digits
 * @param specVersion    规范版本 as stored, e.g. "2.00"
 * @param cardNumber     卡号, 9 characters
 * @param idNumber       社会保障号码, which is the holder's citizen ID number
 * @param nationCode     two-digit GB 3304 民族 code; empty when the card withholds it
 * @param birthPlace     6-digit region code; empty when the card withholds it
 * @param withheld       items the card would only give after PSAM authentication (3rd generation), by label
 */
public record SsCard(
        String cardIdentifier,
        String specVersion,
        LocalDate issueDate,
        LocalDate expiryDate,
        String cardNumber,
        String idNumber,
        String name,
        Sex sex,
        String nationCode,
        String birthPlace,
        LocalDate birthDate,
        List<String> withheld) {

    public SsCard {
        Objects.requireNonNull(cardIdentifier, "cardIdentifier");
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        nationCode = Objects.requireNonNullElse(nationCode, "");
        birthPlace = Objects.requireNonNullElse(birthPlace, "");
        withheld = List.copyOf(withheld);
    }

    /** 1, 2 or 3 (一代/二代/三代) from the spec version; a leading NUL counts as 2nd generation (devices.md §2.2). */
    public int generation() {
        return generationOf(specVersion);
    }

    static int generationOf(String specVersion) {
        if (specVersion.isEmpty()) {
            return 2;
        }
        char c = specVersion.charAt(0);
        return c >= '1' && c <= '9' ? c - '0' : 2;
    }

    /** 民族 name, e.g. 壮; empty when the card withholds it. */
    public String nation() {
        return Nations.name(nationCode);
    }

    /** True after the last day of validity. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expiryDate);
    }

    @Override
    public String toString() {
        return "SsCard[" + Mask.name(name) + ", " + Mask.number(idNumber) + ", 卡号 " + Mask.number(cardNumber) + ", 规范 " + specVersion + "]";
    }
}
