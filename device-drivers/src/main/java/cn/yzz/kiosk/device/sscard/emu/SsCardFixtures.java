package cn.yzz.kiosk.device.sscard.emu;

import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Nations;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.SsItem;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test cards of each generation and kind. The people are invented; ID numbers have valid check characters. */
public final class SsCardFixtures {

    private SsCardFixtures() {}

    /** 一代: spec 1.00, EF06 only by SFI (no file-id select), gender in record 3, a 20-byte name field. */
    public static final SsCardFixture GEN1 = new SsCardFixture("gen1", "一代社保卡，只能按 SFI 读记录，姓名字段 20 字节",
            card("440100D15600000501A1B2C3D4E5F601", "1.00", LocalDate.of(2010, 3, 15), LocalDate.of(2030, 3, 15), "A01234567",
                    "44182119480517" + "001", "黄伯明", Sex.MALE, "汉", "441821", LocalDate.of(1948, 5, 17)),
            true, false, Set.of(), Map.of(SsItem.NAME, 20));

    /** 二代: spec 2.00, both addressings, 姓名扩展 in EF06 record 3. */
    public static final SsCardFixture GEN2 = new SsCardFixture("gen2", "二代社保卡（金融社保卡），两种记录寻址都支持",
            card("441800D15600000502B1C2D3E4F50602", "2.00", LocalDate.of(2016, 9, 1), LocalDate.of(2036, 9, 1), "B12345678",
                    "44182519721130" + "005", "韦国华", Sex.MALE, "壮", "441825", LocalDate.of(1972, 11, 30)),
            true, true, Set.of(), Map.of());

    /** 三代: spec 3.00; the birthplace needs PSAM authentication ({@code 69 82}). */
    public static final SsCardFixture GEN3 = new SsCardFixture("gen3", "三代社保卡，出生地需认证后才能读",
            card("441802D15600000503C1D2E3F4051603", "3.00", LocalDate.of(2023, 5, 20), LocalDate.of(2033, 5, 20), "C23456789",
                    "44182619500801" + "002", "盘秀英", Sex.FEMALE, "瑶", "441826", LocalDate.of(1950, 8, 1)),
            true, true, Set.of(SsItem.BIRTH_PLACE), Map.of());

    /** A name with 堃 and 喆, which are in GBK but not in GB2312. */
    public static final SsCardFixture GBK_NAME = new SsCardFixture("gbk-name", "二代社保卡，姓名含 GB2312 以外的 GBK 字（堃、喆）",
            card("441881D15600000502D1E2F3041526A4", "2.00", LocalDate.of(2018, 1, 8), LocalDate.of(2038, 1, 8), "D34567890",
                    "44188119900214" + "003", "欧阳堃喆", Sex.MALE, "汉", "441881", LocalDate.of(1990, 2, 14)),
            true, true, Set.of(), Map.of());

    /** Valid until the end of 2024. */
    public static final SsCardFixture EXPIRED = new SsCardFixture("expired", "二代社保卡，有效期至 2024-12-31，已过期",
            card("441823D15600000502E1F2031425366B", "2.00", LocalDate.of(2014, 12, 31), LocalDate.of(2024, 12, 31), "E45678901",
                    "44182319660304" + "004", "李桂芳", Sex.FEMALE, "汉", "441823", LocalDate.of(1966, 3, 4)),
            true, true, Set.of(), Map.of());

    /** 二代, but its records are read only in the selected file, by record identifier: READ RECORD by SFI answers {@code 6A 82}. */
    public static final SsCardFixture IDENTIFIER_ONLY = new SsCardFixture("identifier-only",
            "二代社保卡，只能先按文件标识选 EF05/EF06 再按记录标识符读",
            card("441802D15600000502F1A2B3C4D5E6F7", "2.00", LocalDate.of(2019, 7, 1), LocalDate.of(2039, 7, 1), "F56789012",
                    "44180219581009" + "002", "张丽娟", Sex.FEMALE, "汉", "441802", LocalDate.of(1958, 10, 9)),
            true, true, Set.of(), Map.of(), false);

    /** A bank card without the social security application: SELECT answers {@code 6A 82}. */
    public static final SsCardFixture NOT_SOCIAL_SECURITY = new SsCardFixture("not-ss", "银行卡，没有社保应用",
            GEN2.card(), false, true, Set.of(), Map.of());

    /** The cards a correct read accepts. */
    public static List<SsCardFixture> readable() {
        return List.of(GEN1, GEN2, GEN3, GBK_NAME, EXPIRED, IDENTIFIER_ONLY);
    }

    private static SsCard card(String identifier, String version, LocalDate issued, LocalDate expires, String cardNumber,
                               String first17, String name, Sex sex, String nation, String birthPlace, LocalDate born) {
        return new SsCard(identifier, version, issued, expires, cardNumber, IdNumbers.complete(first17), name, sex,
                Nations.code(nation), birthPlace, born, List.of());
    }
}
