package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kioskctl device read-sscard} end to end: picocli → driver → javax.smartcardio → pcscd →
 * vpcd → the Java card. It uses vpcd's second reader, so the driver tests can keep the first.
 */
class ReadSsCardCommandTest {

    /**
     * vpcd's first reader: the kiosk-app and kiosk-demo tests, which ./kiosk test runs at the same time as these
     * (mvn -T 2), use the second; device-drivers' tests use the first too but are over before the installer's begin.
     */
    static final String READER = "Virtual PCD 00 00";
    static final int VPCD_PORT = VpcdCard.FIRST_PORT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VpcdCard card;

    @BeforeAll
    static void pcscd() throws Exception {
        Pcscd.ensureRunning();
    }

    @BeforeEach
    void slotIsEmpty() throws Exception {
        slotEmpty();
        card = new VpcdCard(VPCD_PORT);
    }

    @AfterEach
    void takeTheCardOut() throws Exception {
        card.close();
        slotEmpty();
    }

    /** pcscd notices a removed card when it next polls vpcd (about 400 ms); a new card before that would go unseen. */
    private static void slotEmpty() throws Exception {
        CardTerminal t = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER);
        assertThat(t.waitForCardAbsent(5000)).as("pcscd still sees a card").isTrue();
    }

    private void insert(SsCardFixture fixture) {
        try {
            card.insert(fixture);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<SsCardFixture> readable() {
        return SsCardFixtures.readable();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void revealedJsonHasExactlyTheNineFieldsOfTheCard(SsCardFixture fixture) throws Exception {
        card.insert(fixture);
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", READER, "--json", "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("}\n").hasLineCount(1);
        JsonNode j = JSON.readTree(r.out());
        SsCard c = fixture.expected();
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("cardNumber", "idNumber", "name", "sex", "nation", "birthDate", "issueDate",
                "expiryDate", "specVersion");
        assertThat(j.get("cardNumber").asText()).isEqualTo(c.cardNumber());
        assertThat(j.get("idNumber").asText()).isEqualTo(c.idNumber());
        assertThat(j.get("name").asText()).isEqualTo(c.name());
        assertThat(j.get("sex").asText()).isEqualTo(c.sex().text());
        assertThat(j.get("nation").asText()).isEqualTo(c.nation()).isNotEmpty();
        assertThat(j.get("birthDate").asText()).isEqualTo(c.birthDate().toString());
        assertThat(j.get("issueDate").asText()).isEqualTo(c.issueDate().toString());
        assertThat(j.get("expiryDate").asText()).isEqualTo(c.expiryDate().toString());
        assertThat(j.get("specVersion").asText()).isEqualTo(c.specVersion());
    }

    @Test
    void withoutRevealNothingIdentifyingIsPrinted() throws Exception {
        SsCard c = SsCardFixtures.GBK_NAME.card();
        card.insert(SsCardFixtures.GBK_NAME);
        Cli.Result human = Cli.run("device", "read-sscard", "--reader", READER);
        Cli.Result json = Cli.run("device", "read-sscard", "--reader", READER, "--json");

        assertThat(human.exit()).as(human.err()).isZero();
        assertThat(json.exit()).as(json.err()).isZero();
        for (Cli.Result r : List.of(human, json)) {
            assertThat(r.all()).doesNotContain(c.idNumber(), c.cardNumber(), c.name(), c.birthDate().toString(), "堃", "喆");
        }
        JsonNode j = JSON.readTree(json.out());
        assertThat(j.get("name").asText()).isEqualTo("欧***");
        assertThat(j.get("idNumber").asText()).isEqualTo(Mask.number(c.idNumber()));
        assertThat(j.get("cardNumber").asText()).isEqualTo("D34**7890");
        assertThat(j.get("birthDate").asText()).isEqualTo("1990-**-**");
        assertThat(human.out()).contains("（个人信息已遮盖；加 --reveal 显示完整内容）");
    }

    @Test
    void humanOutputSaysTheCardHasExpired() {
        insert(SsCardFixtures.EXPIRED);
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", READER, "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).startsWith(
                "姓名　　　　  李桂芳",
                "性别　　　　  女",
                "民族　　　　  汉",
                "出生　　　　  1966-03-04",
                "社会保障号码  " + SsCardFixtures.EXPIRED.card().idNumber(),
                "社保卡号　　  E45678901",
                "发卡日期　　  2014-12-31",
                "有效期至　　  2024-12-31（已过期，请持卡人到社保经办机构换卡）",
                "规范版本　　  2.00（二代社保卡）");
        assertThat(r.out()).contains("读卡器　　　  " + READER + "，读卡用时 ").doesNotContain("已遮盖");
    }

    @Test
    void anAmbiguousReaderNameIsRefusedAndAThirdGenerationCardNamesWhatItWithheld() {
        insert(SsCardFixtures.GEN3);
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", "Virtual PCD 00 0"); // a prefix is ambiguous here

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 找不到名为“Virtual PCD 00 0”的读卡器（现有：Virtual PCD 00 00、Virtual PCD 00 01）");

        r = Cli.run("device", "read-sscard", "--reader", READER);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("规范版本　　  3.00（三代社保卡）", "未读项目　　  出生地（需在社保终端认证）");
    }

    @Test
    void aCardThatIsNotASocialSecurityCardExits5() {
        insert(SsCardFixtures.NOT_SOCIAL_SECURITY);
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", READER);

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("kioskctl: 读卡失败：这张卡不是社会保障卡（卡上没有社保应用），请插入社保卡\n");
    }

    @Test
    void noCardBeforeTheTimeoutExits3() {
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", READER, "--timeout", "0.5");

        assertThat(r.exit()).isEqualTo(ExitCodes.NO_MEDIA);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("kioskctl: 0.5 秒内读卡器里没有社保卡：请把社保卡芯片朝上插入读卡器再试（--timeout 可延长等待）\n");
    }

    @Test
    void aReaderThatIsNotThereExits4() {
        Cli.Result r = Cli.run("device", "read-sscard", "--reader", "ACS ACR39U", "--timeout", "1");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).isEqualTo("kioskctl: 找不到名为“ACS ACR39U”的读卡器（现有：Virtual PCD 00 00、Virtual PCD 00 01）"
                + "：请检查读卡器或设置里的读卡器名称\n");
    }
}
