package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import cn.yzz.kiosk.installer.cli.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code kioskctl device read-id} end to end: picocli → driver → jSerialComm → socat pty → emulator. */
class ReadIdCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    EmulatedReader reader;

    @BeforeEach
    void start() throws Exception {
        reader = new EmulatedReader(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        reader.close();
        assertReaderClosed();
    }

    static Stream<CardFixture> fixtures() {
        return CardFixtures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void revealedJsonHasEveryFieldOfTheCard(CardFixture fixture) throws Exception {
        reader.emulator.placeCard(fixture);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port(), "--json", "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("}\n").hasLineCount(1);
        JsonNode j = JSON.readTree(r.out());
        IdCard c = fixture.card();
        assertThat(text(j, "cardType")).isEqualTo(c.cardType().jsonName());
        assertThat(text(j, "name")).isEqualTo(c.name());
        assertThat(text(j, "englishName")).isEqualTo(c.englishName());
        assertThat(text(j, "sex")).isEqualTo(c.sex().text());
        assertThat(text(j, "nation")).isEqualTo(c.nation());
        assertThat(text(j, "birthDate")).isEqualTo(c.birthDate().toString());
        assertThat(text(j, "address")).isEqualTo(c.address());
        assertThat(text(j, "idNumber")).isEqualTo(c.idNumber());
        assertThat(text(j, "issuer")).isEqualTo(c.issuer());
        assertThat(text(j, "validFrom")).isEqualTo(c.validFrom().toString());
        assertThat(text(j, "validTo")).isEqualTo(c.validTo() == null ? "长期" : c.validTo().toString());
        assertOptional(j, "passNumber", c.passNumber());
        assertOptional(j, "nationality", c.nationality());
        assertOptional(j, "issueCount", c.issueCount());
        assertOptional(j, "cardVersion", c.cardVersion());
        List<String> checks = new ArrayList<>();
        j.get("checks").forEach(k -> checks.add(k.get("code").asText() + ":" + k.get("text").asText()));
        assertThat(checks).isEqualTo(c.checks(Cli.today()).stream().map(k -> k.name() + ":" + k.text()).toList());
        assertThat(j.get("masked").asBoolean()).isFalse();
        assertThat(text(j, "port")).isEqualTo(reader.port());
        assertThat(j.get("baud").asInt()).isEqualTo(115200);
        assertThat(j.get("readMillis").asLong()).isBetween(0L, 10_000L);
        Set<String> named = new LinkedHashSet<>(List.of("cardType", "name", "englishName", "sex", "nation", "birthDate",
                "address", "idNumber", "issuer", "validFrom", "validTo", "checks", "masked", "port", "baud", "readMillis"));
        Stream.of("passNumber", "nationality", "issueCount", "cardVersion").filter(j::has).forEach(named::add);
        assertThat(fieldNames(j)).containsExactlyInAnyOrderElementsOf(named);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void withoutRevealNothingIdentifyingIsPrinted(CardFixture fixture) throws Exception {
        IdCard c = fixture.card();
        reader.emulator.placeCard(fixture);
        Cli.Result human = Cli.run("device", "read-id", "--port", reader.port());
        reader.emulator.placeCard(fixture); // a card that was read is only found again once it is placed again
        Cli.Result json = Cli.run("device", "read-id", "--port", reader.port(), "--json");

        assertThat(human.exit()).as(human.err()).isZero();
        assertThat(json.exit()).as(json.err()).isZero();
        for (Cli.Result r : List.of(human, json)) {
            assertThat(r.all()).doesNotContain(c.idNumber(), c.birthDate().toString());
            Stream.of(c.name(), c.englishName(), c.address(), c.passNumber())
                    .filter(s -> s.length() > 1)
                    .forEach(s -> assertThat(r.all()).doesNotContain(s));
        }
        JsonNode j = JSON.readTree(json.out());
        assertThat(text(j, "name")).isEqualTo(Mask.name(c.name()));
        assertThat(text(j, "englishName")).isEqualTo(Mask.name(c.englishName()));
        assertThat(text(j, "idNumber")).isEqualTo(Mask.number(c.idNumber()));
        assertThat(text(j, "address")).isEqualTo(Mask.address(c.address()));
        assertThat(text(j, "birthDate")).isEqualTo(c.birthDate().getYear() + "-**-**");
        assertOptional(j, "passNumber", Mask.number(c.passNumber()));
        assertThat(j.get("masked").asBoolean()).isTrue();
        assertThat(human.out()).contains(Mask.number(c.idNumber()), "（个人信息已遮盖；加 --reveal 显示完整内容）");
    }

    @Test
    void humanOutputHasAlignedChineseLabels() {
        reader.emulator.placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port(), "--reveal");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).startsWith(
                "证件类型　  居民身份证（resident）",
                "姓名　　　  盘秀英",
                "性别　　　  女",
                "民族　　　  瑶",
                "出生　　　  1950-08-01",
                "住址　　　  广东省清远市连南瑶族自治县三江镇金坑村委会大坪村32号",
                "证件号码　  " + CardFixtures.ELDER_YAO_LONG_TERM.card().idNumber(),
                "签发机关　  连南瑶族自治县公安局",
                "有效期限　  2015-09-20 至 长期",
                "证件检查　  未发现问题");
        assertThat(r.out()).contains("读卡器　　  " + reader.port() + "，115200 波特，读卡用时 ")
                .doesNotContain("已遮盖");
    }

    @Test
    void cardProblemsAreListed() throws Exception {
        reader.emulator.placeCard(CardFixtures.RESIDENT_BAD_CHECK);
        Cli.Result human = Cli.run("device", "read-id", "--port", reader.port());
        assertThat(human.exit()).isZero();
        assertThat(human.out()).contains("证件问题　  证件号码校验位不正确（BAD_CHECK_DIGIT）").doesNotContain("未发现问题");

        // A good card read after its validity ends.
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Env in2032 = new Env(Clock.fixed(Instant.parse("2032-01-01T00:00:00Z"), Cli.CHINA), InputStream.nullInputStream());
        Cli.Result json = Cli.run(in2032, "device", "read-id", "--port", reader.port(), "--json");
        assertThat(json.exit()).isZero();
        assertThat(JSON.readTree(json.out()).get("checks").toString())
                .isEqualTo("[{\"code\":\"EXPIRED\",\"text\":\"" + CardCheck.EXPIRED.text() + "\"}]");
    }

    @Test
    void noCardBeforeTheTimeoutExits3() {
        long start = System.nanoTime();
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port(), "--timeout", "1");

        assertThat(r.exit()).isEqualTo(ExitCodes.NO_MEDIA);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("kioskctl: 1 秒内读卡器上没有身份证：请把身份证平放在读卡器感应区上再试（--timeout 可延长等待）\n");
        // It waited for the card (at least the timeout) and then gave up (generous bound for a loaded CI machine).
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 30_000L);
    }

    @Test
    void aSilentReaderExits4() {
        reader.emulator.inject(Fault.SILENCE, Integer.MAX_VALUE);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port(), "--timeout", "1");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 端口 " + reader.port() + "：读卡器没有响应").contains("请检查");
        assertPlainError(r);
    }

    @Test
    void aPortThatDoesNotExistExits4() {
        Cli.Result r = Cli.run("device", "read-id", "--port", dir.resolve("ttyUSB9").toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 找不到端口 " + dir.resolve("ttyUSB9") + "：请确认读卡器已插好");
        assertPlainError(r);
    }

    @Test
    void garbageBeforeEveryReplyIsSkipped() throws Exception {
        reader.emulator.inject(Fault.GARBAGE_BEFORE_PREAMBLE, Integer.MAX_VALUE);
        reader.emulator.placeCard(CardFixtures.HKMOTW);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port(), "--json", "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(text(JSON.readTree(r.out()), "passNumber")).isEqualTo("H60123456");
    }

    @Test
    void aFailedReadThatARetryGetsPastExits0() {
        reader.emulator.inject(Fault.READ_FAILS, 1);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("陈**");
    }

    @Test
    void readRepliesThatStayCorruptExit5() {
        reader.emulator.inject(Fault.BAD_CHECKSUM, Integer.MAX_VALUE, SamCommand.READ_TEXT_PHOTO);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).startsWith("kioskctl: 与读卡器通信出错：读卡器的回复多次损坏");
        assertPlainError(r);
    }

    /** Framed replies with bad checksums at every speed: the reader is there but its replies stay broken. */
    @Test
    void everyReplyCorruptExits5() {
        reader.emulator.inject(Fault.BAD_CHECKSUM, Integer.MAX_VALUE);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).contains("回复一直损坏");
        assertPlainError(r);
    }

    @Test
    void aCardLiftedDuringTheReadExits5() {
        reader.emulator.inject(Fault.CARD_REMOVED_MID_READ, 1);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).startsWith("kioskctl: 读卡失败：身份证在读取中被移开").contains("请重新放置身份证");
        assertPlainError(r);
    }

    @Test
    void aBrokenSecurityModuleExits6() {
        reader.emulator.inject(Fault.SAM_FAILURE, Integer.MAX_VALUE);
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result r = Cli.run("device", "read-id", "--port", reader.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.DEVICE_FAULT);
        assertThat(r.err()).startsWith("kioskctl: 读卡器安全模块故障（60 SAM_V 自检失败）").contains("维修或更换");
        assertPlainError(r);
    }

    @Test
    void driverLogsGoToStderrOnlyWithVerboseAndAreMaskedEvenWhenRevealing() {
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result quiet = Cli.run("device", "read-id", "--port", reader.port());
        reader.emulator.placeCard(CardFixtures.RESIDENT);
        Cli.Result verbose = Cli.run("device", "read-id", "--port", reader.port(), "--reveal", "--verbose");

        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(verbose.exit()).isZero();
        assertThat(verbose.err()).contains("INFO [cn.yzz.kiosk.device.idcard] idcard-reader: read IdCard[resident, 陈**, 441***********")
                .doesNotContain(CardFixtures.RESIDENT.card().idNumber(), "陈志强");
        assertThat(verbose.out()).contains("陈志强");
    }

    private static String text(JsonNode j, String field) {
        assertThat(j.has(field)).as("field %s in %s", field, j).isTrue();
        return j.get(field).asText();
    }

    /** Present exactly when the card has a value. */
    private static void assertOptional(JsonNode j, String field, String expected) {
        if (expected.isEmpty()) {
            assertThat(j.has(field)).as("%s absent in %s", field, j).isFalse();
        } else {
            assertThat(text(j, field)).isEqualTo(expected);
        }
    }

    private static List<String> fieldNames(JsonNode j) {
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertPlainError(Cli.Result r) {
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kioskctl: ").hasLineCount(1).doesNotContain("Exception", "\tat ");
    }

    /** The device thread ends when the reader is closed, whatever way the command ended. */
    private static void assertReaderClosed() throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (readerThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readerThreadAlive()).as("reader thread still running: reader not closed").isFalse();
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("kiosk-id-reader") && t.isAlive());
    }
}
