package cn.yzz.kiosk.device.idcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextBlockTest {

    /** A resident block written field by field at the offsets of devices.md §1.7(a), independently of TextBlock.encode. */
    static byte[] handMadeResident(String validTo) {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i += 2) {
            b[i] = 0x20;
        }
        put(b, 0, "盘秀英");
        put(b, 30, "2");
        put(b, 32, "13");
        put(b, 36, "19500801");
        put(b, 52, "广东省清远市连南瑶族自治县三江镇金坑村委会大坪村32号");
        put(b, 122, "44182619500801002" + IdNumbers.checkChar("44182619500801002"));
        put(b, 158, "连南瑶族自治县公安局");
        put(b, 188, "20150920");
        put(b, 204, validTo);
        return b;
    }

    static void put(byte[] block, int offset, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(u, 0, block, offset, u.length);
    }

    @Test
    void readsAResidentCardAtTheDocumentedOffsets() throws Exception {
        IdCard c = TextBlock.parse(handMadeResident("长期"), new byte[1024], new byte[0]);
        assertThat(c.cardType()).isEqualTo(CardType.RESIDENT);
        assertThat(c.name()).isEqualTo("盘秀英");
        assertThat(c.sex()).isEqualTo(Sex.FEMALE);
        assertThat(c.nation()).isEqualTo("瑶");
        assertThat(c.birthDate()).isEqualTo(LocalDate.of(1950, 8, 1));
        assertThat(c.address()).isEqualTo("广东省清远市连南瑶族自治县三江镇金坑村委会大坪村32号");
        assertThat(c.issuer()).isEqualTo("连南瑶族自治县公安局");
        assertThat(c.validFrom()).isEqualTo(LocalDate.of(2015, 9, 20));
        assertThat(c.validTo()).isNull();
        assertThat(c.validToText()).isEqualTo("长期");
        assertThat(c.checks(LocalDate.of(2026, 11, 22))).isEmpty();
    }

    @Test
    void aNulMarkerIsAlsoAResidentCard() throws Exception {
        byte[] b = TextBlock.withMarker(handMadeResident("20351231"), '\0');
        IdCard c = TextBlock.parse(b, new byte[0], new byte[0]);
        assertThat(c.cardType()).isEqualTo(CardType.RESIDENT);
        assertThat(c.validTo()).isEqualTo(LocalDate.of(2035, 12, 31));
    }

    @ParameterizedTest
    @MethodSource("cn.yzz.kiosk.device.idcard.emu.CardFixtures#all")
    void everyFixtureSurvivesEncodeAndParse(CardFixture f) throws Exception {
        byte[] block = TextBlock.encode(f.card());
        assertThat(block).hasSize(256);
        IdCard back = TextBlock.parse(block, f.card().photo(), f.card().fingerprint());
        assertThat(back).usingRecursiveComparison().isEqualTo(f.card());
    }

    @Test
    void layoutMarkersSitAtByte248() {
        assertThat(TextBlock.encode(CardFixtures.HKMOTW.card())[248]).isEqualTo((byte) 'J');
        assertThat(TextBlock.encode(CardFixtures.FOREIGN_2017.card())[248]).isEqualTo((byte) 'I');
        assertThat(TextBlock.encode(CardFixtures.FOREIGN_2023.card())[248]).isEqualTo((byte) 'Y');
        assertThat(TextBlock.encode(CardFixtures.RESIDENT.card())[248]).isEqualTo((byte) ' ');
    }

    @Test
    void foreignCardsKeepTheirEnglishNameAndNationality() throws Exception {
        IdCard y = TextBlock.parse(TextBlock.encode(CardFixtures.FOREIGN_2023.card()), new byte[0], new byte[0]);
        assertThat(y.englishName()).isEqualTo("GONZALEZ RODRIGUEZ, MARIA DE LOS ANGELES"); // spans offsets 52 and 220
        assertThat(y.nationality()).isEqualTo("ESP");
        IdCard i = TextBlock.parse(TextBlock.encode(CardFixtures.FOREIGN_2017.card()), new byte[0], new byte[0]);
        assertThat(i.englishName()).isEqualTo("ANDERSON, JOHN MICHAEL");
        assertThat(i.name()).isEqualTo("安德森");
        assertThat(i.idNumber()).isEqualTo("USA440068040201");
    }

    @Test
    void anUnknownMarkerIsRefusedWithTheCodePoint() {
        byte[] b = TextBlock.withMarker(handMadeResident("长期"), 'Q');
        assertThatThrownBy(() -> TextBlock.parse(b, new byte[0], new byte[0]))
                .isInstanceOf(CardDataException.class).hasMessageContaining("U+0051");
    }

    @Test
    void aMalformedDateIsRefusedNamingTheField() {
        byte[] b = handMadeResident("长期");
        put(b, 36, "1950AB01");
        assertThatThrownBy(() -> TextBlock.parse(b, new byte[0], new byte[0]))
                .isInstanceOf(CardDataException.class).hasMessageContaining("birth date");
        byte[] c = handMadeResident("20250231");
        assertThatThrownBy(() -> TextBlock.parse(c, new byte[0], new byte[0]))
                .isInstanceOf(CardDataException.class).hasMessageContaining("valid-to");
    }

    @Test
    void anUnknownGenderCodeIsRefused() {
        byte[] b = handMadeResident("长期");
        put(b, 30, "7");
        assertThatThrownBy(() -> TextBlock.parse(b, new byte[0], new byte[0])).isInstanceOf(CardDataException.class);
    }

    @Test
    void nationTableCoversAllCodesAndShowsUnknownCodesRaw() {
        assertThat(Nations.name("01")).isEqualTo("汉");
        assertThat(Nations.name("13")).isEqualTo("瑶");
        assertThat(Nations.name("08")).isEqualTo("壮");
        assertThat(Nations.name("56")).isEqualTo("基诺");
        assertThat(Nations.name("97")).isEqualTo("其他");
        assertThat(Nations.name("98")).isEqualTo("外国血统中国籍人士");
        assertThat(Nations.name("77")).isEqualTo("77");
        assertThat(Nations.name("")).isEmpty();
        for (int i = 1; i <= 56; i++) {
            String code = String.format("%02d", i);
            assertThat(Nations.code(Nations.name(code))).isEqualTo(code);
        }
    }
}
