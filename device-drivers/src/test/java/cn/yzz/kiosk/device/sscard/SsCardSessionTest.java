package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VirtualSsCard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The APDU sequence against the virtual card, in memory: no PC/SC provider in between, so this
 * session (not the JDK) has to follow {@code 61xx} and {@code 6Cxx} itself.
 */
class SsCardSessionTest {

    private final List<String> sent = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();

    private SsCardSession session(SsCardFixture fixture) {
        VirtualSsCard card = new VirtualSsCard(fixture);
        return new SsCardSession(c -> {
            sent.add(HexFormat.of().withUpperCase().formatHex(c));
            byte[] r = card.process(c);
            answered.add(HexFormat.of().withUpperCase().formatHex(r, Math.max(0, r.length - 2), r.length));
            return r;
        });
    }

    static List<SsCardFixture> readable() {
        return SsCardFixtures.readable();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void everyReadableCardComesOutAsStored(SsCardFixture fixture) throws Exception {
        assertThat(session(fixture).read()).isEqualTo(fixture.expected());
    }

    @Test
    void secondGenerationIsReadByRecordIdentifierAfterSelectingEf06() throws Exception {
        SsCardSession s = session(SsCardFixtures.GEN2);
        SsCard c = s.read();

        assertThat(s.addressing()).isEqualTo(SsCardSession.Addressing.RECORD_IDENTIFIER);
        assertThat(sent).containsExactly(
                "00A404000F7378312E73682EC9E7BBE1B1A3D5CF", "00C0000013",
                "00B2012C12", "00B2032C06", "00B2052C06", "00B2062C06", "00B2072C0B",
                "00A4020002EF06",
                "00B2080014", "00B2090020", "00B20A0003", "00B20B0003", "00B20C0005", "00B20D0006");
        assertThat(answered.subList(0, 2)).as("SELECT answers 61 13, GET RESPONSE the FCI").containsExactly("6113", "9000");
        assertThat(c.name()).isEqualTo("韦国华");
        assertThat(c.nation()).isEqualTo("壮");
        assertThat(c.generation()).isEqualTo(2);
    }

    @Test
    void firstGenerationFallsBackToSfiRecordNumbersAndCorrectsLe() throws Exception {
        SsCardSession s = session(SsCardFixtures.GEN1);
        SsCard c = s.read();

        assertThat(s.addressing()).isEqualTo(SsCardSession.Addressing.SFI_RECORD_NUMBER);
        assertThat(sent.subList(7, sent.size())).containsExactly(
                "00A4020002EF06",                 // 6A82: no file-id selection on this card
                "00B2013414",
                "00B2023420", "00B2023416",       // 6C16: its name field is 20 bytes, not 30
                "00B2033403", "00B2043403", "00B2053405", "00B2063406");
        assertThat(answered.get(7)).isEqualTo("6A82");
        assertThat(answered.get(9)).isEqualTo("6C16");
        assertThat(c.name()).isEqualTo("黄伯明");
        assertThat(c.sex().text()).isEqualTo("男");
        assertThat(c.generation()).isEqualTo(1);
    }

    @Test
    void aCardThatSelectsEf06ButRefusesIdentifierAddressingIsReadPositionally() throws Exception {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN2);
        SsCardSession s = new SsCardSession(c -> {
            sent.add(HexFormat.of().withUpperCase().formatHex(c));
            boolean byIdentifier = c[1] == (byte) 0xB2 && c[3] == 0x00;
            return byIdentifier ? StatusWord.WRONG_P1P2.bytes() : card.process(c);
        });

        assertThat(s.read()).isEqualTo(SsCardFixtures.GEN2.expected());
        assertThat(s.addressing()).isEqualTo(SsCardSession.Addressing.SFI_RECORD_NUMBER);
        assertThat(sent.subList(7, sent.size())).containsExactly("00A4020002EF06", "00B2080014",
                "00B2013414", "00B2023420", "00B2043403", "00B2053403", "00B2063405", "00B2073406");
    }

    @Test
    void aCardThatRefusesSfiAddressingIsReadByIdentifierAfterSelectingEachFile() throws Exception {
        SsCardSession s = session(SsCardFixtures.IDENTIFIER_ONLY);
        SsCard c = s.read();

        assertThat(c).isEqualTo(SsCardFixtures.IDENTIFIER_ONLY.expected());
        assertThat(s.addressing(SsItem.SsFile.EF05)).isEqualTo(SsCardSession.Addressing.RECORD_IDENTIFIER);
        assertThat(s.addressing(SsItem.SsFile.EF06)).isEqualTo(SsCardSession.Addressing.RECORD_IDENTIFIER);
        assertThat(sent.subList(2, sent.size())).containsExactly(
                "00B2012C12",                     // 6A82: no records by SFI on this card
                "00A4020002EF05",
                "00B2010012", "00B2030006", "00B2050006", "00B2060006", "00B207000B",
                "00A4020002EF06",
                "00B2080014", "00B2090020", "00B20A0003", "00B20B0003", "00B20C0005", "00B20D0006");
        assertThat(answered.get(2)).isEqualTo("6A82");
    }

    @Test
    void aCardWithoutCurrentFileAnswers6986ToSfiAndIsStillRead() throws Exception {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN2);
        SsCardSession s = new SsCardSession(c -> {
            sent.add(HexFormat.of().withUpperCase().formatHex(c));
            boolean ef05BySfi = c[1] == (byte) 0xB2 && c[3] == 0x2C;
            return ef05BySfi ? new byte[] {0x69, (byte) 0x86} : card.process(c);
        });

        assertThat(s.read()).isEqualTo(SsCardFixtures.GEN2.expected());
        assertThat(s.addressing(SsItem.SsFile.EF05)).isEqualTo(SsCardSession.Addressing.RECORD_IDENTIFIER);
        assertThat(sent).as("one refused read, then the file selected").containsSubsequence("00B2012C12", "00A4020002EF05", "00B2010012");
    }

    @Test
    void aCardThatRefusesBothConventionsForAFileIsACardError() {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN2);
        SsCardSession s = new SsCardSession(c -> c[1] == (byte) 0xB2 && (c[3] == 0x2C || c[3] == 0x00)
                ? StatusWord.WRONG_P1P2.bytes() : card.process(c));

        assertThatThrownBy(s::read)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .hasMessage("这张社保卡的EF05记录读不出来（按 SFI 和按记录标识符都被拒绝，参数 P1/P2 不对，6A86）");
    }

    @Test
    void aCardThatSelectsNoFileAndRefusesSfiIsACardError() {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN1); // no select by file id
        SsCardSession s = new SsCardSession(c -> c[1] == (byte) 0xB2 && c[3] == 0x2C ? StatusWord.FILE_NOT_FOUND.bytes() : card.process(c));

        assertThatThrownBy(s::read)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .hasMessageStartingWith("这张社保卡的EF05记录读不出来");
    }

    @Test
    void aWithheldFirstRecordDoesNotSwitchTheConvention() throws Exception {
        SsCardFixture locked = new SsCardFixture("nation-locked", "民族需认证", SsCardFixtures.GEN2.card(), true, true,
                Set.of(SsItem.NATION), Map.of());
        SsCard c = session(locked).read();
        assertThat(c.withheld()).containsExactly("民族");
        assertThat(c.nationCode()).isEmpty();
    }

    @Test
    void theVirtualCardGivesEightRandomBytesForGetChallenge() {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN2);
        byte[] first = card.process(Apdus.getChallenge());
        byte[] second = card.process(Apdus.getChallenge());

        assertThat(first).hasSize(10).endsWith((byte) 0x90, (byte) 0x00);
        assertThat(second).hasSize(10).isNotEqualTo(first);
    }

    @Test
    void aThirdGenerationItemThatNeedsAuthenticationIsSkippedAndNamed() throws Exception {
        SsCard c = session(SsCardFixtures.GEN3).read();

        assertThat(answered).contains("6982");
        assertThat(c.birthPlace()).isEmpty();
        assertThat(c.withheld()).containsExactly("出生地");
        assertThat(c.idNumber()).isEqualTo(SsCardFixtures.GEN3.card().idNumber());
    }

    @Test
    void aCardThatWithholdsTheNameCannotBeRead() {
        SsCardFixture fixture = new SsCardFixture("name-locked", "姓名需认证", SsCardFixtures.GEN3.card(), true, true,
                Set.of(SsItem.NAME), Map.of());
        assertThatThrownBy(() -> session(fixture).read())
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .hasMessage("社保卡的姓名需在社保终端认证后才能读取，本机无法读取这张卡");
    }

    @Test
    void aCardWithoutTheApplicationIsNotASocialSecurityCard() {
        assertThatThrownBy(() -> session(SsCardFixtures.NOT_SOCIAL_SECURITY).read())
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .isInstanceOf(NotSsCardException.class)
                .hasMessage("这张卡不是社会保障卡（卡上没有社保应用），请插入社保卡");
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRecordWithTheWrongTagSpoilsTheReadWithoutPersonalData() {
        VirtualSsCard card = new VirtualSsCard(SsCardFixtures.GEN2);
        SsCardSession s = new SsCardSession(c -> {
            byte[] r = card.process(c);
            if (c[1] == (byte) 0xB2 && c[2] == 0x09) {
                r[0] = 0x4E; // the name record comes back labelled as 姓名扩展
            }
            return r;
        });
        assertThatThrownBy(s::read)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .hasMessage("社保卡的数据无法识别（姓名：记录标签是 4E，应为 09）");
    }

    @Test
    void aResponseWithoutStatusWordIsAProtocolError() {
        SsCardSession s = new SsCardSession(c -> new byte[] {(byte) 0x90});
        assertThatThrownBy(s::read)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL))
                .hasMessage("社保卡的回复太短（1 字节）");
    }

    @Test
    void anEndlessChainOfMoreDataIsCutOff() {
        SsCardSession s = new SsCardSession(c -> new byte[] {0x01, 0x61, 0x01});
        assertThatThrownBy(s::read)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL))
                .hasMessageContaining("61xx");
    }

    @Test
    void theCardsToStringHidesNumberAndName() {
        SsCard c = SsCardFixtures.GBK_NAME.card();
        assertThat(c.toString()).isEqualTo("SsCard[欧***, 441***********" + c.idNumber().substring(14) + ", 卡号 D34**7890, 规范 2.00]")
                .doesNotContain(c.idNumber(), c.name(), c.cardNumber());
    }

    @Test
    void expiryIsJudgedOnTheDayGiven() {
        SsCard c = SsCardFixtures.EXPIRED.card();
        assertThat(c.expiredOn(LocalDate.of(2024, 12, 31))).isFalse();
        assertThat(c.expiredOn(LocalDate.of(2025, 1, 1))).isTrue();
        assertThat(SsCardFixtures.GEN2.card().expiredOn(LocalDate.of(2026, 6, 1))).isFalse();
    }
}
