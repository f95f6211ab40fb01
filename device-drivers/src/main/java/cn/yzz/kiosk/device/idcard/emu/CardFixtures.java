package cn.yzz.kiosk.device.idcard.emu;

import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Nations;
import cn.yzz.kiosk.device.idcard.Sex;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Test cards of every layout. The people are invented; the numbers are well formed (valid
 * MOD 11-2 check characters) except where a fixture exists to be wrong.
 */
public final class CardFixtures {

    private CardFixtures() {}

    public static final CardFixture RESIDENT = new CardFixture("resident", "居民身份证，汉族男性，有效期至2031年",
            resident("陈志强", Sex.MALE, "汉", LocalDate.of(1985, 3, 12), "广东省清远市清城区东城街道人民一路18号",
                    "44180219850312" + "003", "清远市公安局清城分局", LocalDate.of(2011, 6, 1), LocalDate.of(2031, 6, 1), false),
            null);

    public static final CardFixture ELDER_YAO_LONG_TERM = new CardFixture("elder-yao", "居民身份证，瑶族女性，76岁，长期有效",
            resident("盘秀英", Sex.FEMALE, "瑶", LocalDate.of(1950, 8, 1), "广东省清远市连南瑶族自治县三江镇金坑村委会大坪村32号",
                    "44182619500801" + "002", "连南瑶族自治县公安局", LocalDate.of(2015, 9, 20), null, false),
            "广东省清远市连南瑶族自治县三江镇金坑村委会新村5号");

    public static final CardFixture RESIDENT_FINGERPRINT = new CardFixture("resident-fingerprint", "居民身份证，壮族男性，含指纹",
            resident("韦国华", Sex.MALE, "壮", LocalDate.of(1972, 11, 30), "广东省清远市连山壮族瑶族自治县吉田镇吉田村委会上村8号",
                    "44182519721130" + "005", "连山壮族瑶族自治县公安局", LocalDate.of(2019, 1, 15), LocalDate.of(2039, 1, 15), true),
            null);

    public static final CardFixture RESIDENT_BAD_CHECK = new CardFixture("resident-bad-check", "居民身份证，号码校验位错误",
            withNumber(resident("李梅", Sex.FEMALE, "汉", LocalDate.of(1990, 1, 1), "广东省韶关市乳源瑶族自治县乳城镇鹰峰路3号",
                    "44023219900101" + "004", "乳源瑶族自治县公安局", LocalDate.of(2020, 2, 2), LocalDate.of(2040, 2, 2), false),
                    "440232199001010040"),
            null);

    public static final CardFixture HKMOTW = new CardFixture("hkmotw", "港澳台居民居住证（香港）",
            new IdCard(CardType.HKMOTW, "黄嘉欣", "", Sex.FEMALE, "", "", LocalDate.of(1993, 7, 21),
                    "广东省广州市天河区天河路208号", IdNumbers.complete("81000019930721002"), "广州市公安局天河区分局",
                    LocalDate.of(2022, 5, 10), LocalDate.of(2027, 5, 10), "H60123456", "01", "",
                    photo("hkmotw"), new byte[0]),
            null);

    public static final CardFixture FOREIGN_2017 = new CardFixture("foreign2017", "外国人永久居留身份证（2017版）",
            new IdCard(CardType.FOREIGN_2017, "安德森", "ANDERSON, JOHN MICHAEL", Sex.MALE, "", "USA",
                    LocalDate.of(1968, 4, 2), "", "USA440068040201", "1500", LocalDate.of(2018, 3, 1),
                    LocalDate.of(2028, 3, 1), "", "", "01", photo("foreign2017"), new byte[0]),
            null);

    public static final CardFixture FOREIGN_2023 = new CardFixture("foreign2023", "外国人永久居留身份证（2023版）",
            new IdCard(CardType.FOREIGN_2023, "玛丽亚", "GONZALEZ RODRIGUEZ, MARIA DE LOS ANGELES", Sex.FEMALE, "", "ESP",
                    LocalDate.of(1988, 12, 5), "", IdNumbers.complete("94472419881205002"), "",
                    LocalDate.of(2024, 1, 8), LocalDate.of(2034, 1, 8), "", "00", "", photo("foreign2023"), new byte[0]),
            null);

    public static List<CardFixture> all() {
        return List.of(RESIDENT, ELDER_YAO_LONG_TERM, RESIDENT_FINGERPRINT, RESIDENT_BAD_CHECK, HKMOTW, FOREIGN_2017, FOREIGN_2023);
    }

    public static CardFixture byId(String id) {
        return all().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no card fixture '" + id + "'; known: "
                        + all().stream().map(CardFixture::id).toList()));
    }

    private static IdCard resident(String name, Sex sex, String nation, LocalDate birth, String address, String first17,
                                   String issuer, LocalDate from, LocalDate to, boolean fingerprint) {
        return new IdCard(CardType.RESIDENT, name, "", sex, Nations.code(nation), "", birth, address,
                IdNumbers.complete(first17), issuer, from, to, "", "", "", photo(first17),
                fingerprint ? bytes("fp" + first17, 1024) : new byte[0]);
    }

    private static IdCard withNumber(IdCard c, String number) {
        return new IdCard(c.cardType(), c.name(), c.englishName(), c.sex(), c.nationCode(), c.nationality(), c.birthDate(),
                c.address(), number, c.issuer(), c.validFrom(), c.validTo(), c.passNumber(), c.issueCount(),
                c.cardVersion(), c.photo(), c.fingerprint());
    }

    /** Stand-in for a WLT photo: opaque bytes, the same for the same card every time. */
    private static byte[] photo(String seed) {
        return bytes("wlt" + seed, 1024);
    }

    private static byte[] bytes(String seed, int n) {
        byte[] b = new byte[n];
        new Random(seed.hashCode()).nextBytes(b);
        return b;
    }
}
