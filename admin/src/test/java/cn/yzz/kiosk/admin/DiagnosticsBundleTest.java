package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DiagnosticsBundle} from a real store and data folder: what is in it, what never is, and its size. */
class DiagnosticsBundleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String[] SURNAMES = {"陈", "李", "黄", "张", "梁", "林", "刘", "何", "罗", "盘", "欧阳"};
    private static final String[] GIVEN = {"秀英", "伟强", "桂芳", "志明", "美玲", "国华", "丽珍", "建平", "阿妹", "水生", "金莲", "德福"};

    @TempDir
    Path data;

    @Test
    void aBundleOfAFolderFullOfPeopleHoldsNoneOfThemNorTheTokenNorTheKey() throws Exception {
        String token = "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new Random(5).ints(24, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, (b, i) -> b.write(i), (a, b) -> {}).toByteArray());
        new EnrollmentFile("http://127.0.0.1:8080", "WJ-0042", token, "enhanced", "441802101201", false).save(data);
        List<Person> people;
        byte[] key;
        Map<String, byte[]> files;
        try (KioskStore store = KioskStore.open(data, Settings.defaults().withClock(CLOCK))) {
            people = fill(store, 300, 11);
            key = Files.readAllBytes(data.resolve("keys/person.key"));
            Person first = people.get(0);
            store.audit().record("管理员", "帮 " + first.name() + "（" + first.idNumber() + "）补打回执", "成功");
            store.audit().record("kioskctl:root", "导出诊断包", "成功");
            writeLog(people, token, key);
            DeviceStates.write(data, List.of(
                    new DeviceStates.Entry("receipt-printer", "escpos", DeviceState.FAILED, "缺纸", CLOCK.instant()),
                    new DeviceStates.Entry("idcard-reader", "samv", DeviceState.IDLE, "读到 " + people.get(1).idNumber(), null)),
                    CLOCK.instant());
            Path config = data.resolve("kiosk.json");
            Files.writeString(config, "// 增强型\n{\"model\": \"enhanced\", \"devices\": [{\"kind\": \"cash-acceptor\", \"driver\": \"essp\","
                    + " \"port\": \"/dev/ttyUSB1\", \"options\": {\"baud\": 9600, \"fixed-key\": \"0123456701234567\"}}]}\n");

            long t0 = System.nanoTime();
            DiagnosticsBundle.Made made = new DiagnosticsBundle(data, store, CLOCK).withDeviceConfig(config).withVersions("0.1.0", "v7")
                    .make(DiagnosticsBundle.UPLOAD_MAX_BYTES);
            System.out.printf("bundle of 300 transactions: %d bytes in %d ms%n", made.size(), (System.nanoTime() - t0) / 1_000_000);
            assertThat(made.fileName()).isEqualTo("yzz-diagnostics-WJ-0042-20260601-100000.zip");
            assertThat(made.logsTrimmed()).isFalse();
            files = unzip(made.zip());
        }

        assertThat(files.keySet()).containsExactly("logs/kiosk.log", "config/kiosk.json", "config/enrollment.properties", "devices.json",
                "queue.json", "audit.json", "versions.json", "manifest.json");
        List<String> forbidden = new ArrayList<>(List.of(token, Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().withoutPadding().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key), "0123456701234567"));
        for (Person p : people) {
            forbidden.add(p.idNumber());
            forbidden.add(p.name());
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            String upper = text.toUpperCase(Locale.ROOT);
            for (String secret : forbidden) {
                assertThat(upper).as("%s holds a secret of %d characters", f.getKey(), secret.length())
                        .doesNotContain(secret.toUpperCase(Locale.ROOT));
            }
            assertThat(indexOf(f.getValue(), key)).as("%s holds the key's bytes", f.getKey()).isNegative();
            assertThat(text).as("%s holds an ID-shaped number", f.getKey()).doesNotContainPattern("(?<![0-9])\\d{17}[0-9Xx](?![0-9])");
        }

        // What must be there is there, masked.
        String log = text(files, "logs/kiosk.log");
        Person first = people.get(0);
        assertThat(log).contains("缴费成功 " + Mask.name(first.name()) + " " + Mask.number(first.idNumber()))
                .contains(Secrets.TOKEN_GONE).contains(Secrets.KEY_GONE).contains("    at cn.yzz.kiosk.app.Flow.pay(Flow.java:42)");
        assertThat(log.indexOf("启动完成")).isLessThan(log.indexOf("缴费成功")); // oldest first, as a log reads
        String enrollment = text(files, "config/enrollment.properties");
        assertThat(enrollment).contains("kioskId=WJ-0042").contains("backendUrl=http\\://127.0.0.1\\:8080").doesNotContain("token");
        assertThat(text(files, "config/kiosk.json")).contains("\"fixed-key\": \"[已删除]\"").contains("\"port\": \"/dev/ttyUSB1\"");
        JsonNode devices = JSON.readTree(files.get("devices.json"));
        assertThat(devices.get("devices")).hasSize(2);
        assertThat(devices.get("devices").get(0).get("detail").asText()).isEqualTo("缺纸");
        JsonNode queue = JSON.readTree(files.get("queue.json"));
        assertThat(queue.get("pending").asLong()).isEqualTo(300);
        assertThat(text(files, "queue.json")).doesNotContain("RSJ-0007");
        JsonNode audit = JSON.readTree(files.get("audit.json"));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("what").asText()).isEqualTo("导出诊断包");
        assertThat(audit.get(1).get("what").asText()).isEqualTo("帮 " + Mask.name(first.name()) + "（" + Mask.number(first.idNumber()) + "）补打回执");
        JsonNode versions = JSON.readTree(files.get("versions.json"));
        assertThat(versions.get("app").asText()).isEqualTo("0.1.0");
        assertThat(versions.get("catalogueVersion").asText()).isEqualTo("v7");
        assertThat(versions.get("schemaVersion").asInt()).isPositive();
        JsonNode manifest = JSON.readTree(files.get("manifest.json"));
        assertThat(manifest.get("kioskId").asText()).isEqualTo("WJ-0042");
        assertThat(manifest.get("madeAt").asText()).isEqualTo("2026-06-01T02:00:00Z");
        assertThat(manifest.get("logs").get("trimmed").asBoolean()).isFalse();
        assertThat(manifest.get("files")).hasSize(7);
        for (JsonNode f : manifest.get("files")) {
            byte[] content = files.get(f.get("name").asText());
            assertThat(f.get("size").asLong()).isEqualTo(content.length);
            assertThat(f.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
    }

    @Test
    void aLogTooBigForTheLimitLosesItsOldestRecordsAndTheManifestSaysSo() throws Exception {
        Random r = new Random(3);
        StringBuilder log = new StringBuilder();
        int records = 0;
        String oldest = null;
        while (log.length() < 1_000_000) {
            // Random figures so that the text does not zip to nothing.
            log.append(String.format("2026-05-%02d 10:%02d:%02d.%03d INFO [cn.yzz.kiosk.sync] 上传 %d 条，用时 %d 毫秒，批次 %x%n",
                    1 + records / 100_000, records / 60 % 60, records % 60, r.nextInt(1000), r.nextInt(100), r.nextInt(100_000), r.nextLong()));
            records++;
            oldest = oldest == null ? log.toString().strip() : oldest;
        }
        log.append("2026-06-01 09:59:59.999 SEVERE [cn.yzz.kiosk.app] 最新的一条\n");
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve(LogBook.FILE), log, StandardCharsets.UTF_8);
        long limit = 128 * 1024;

        try (KioskStore store = KioskStore.open(data, Settings.defaults().withClock(CLOCK))) {
            DiagnosticsBundle.Made made = new DiagnosticsBundle(data, store, CLOCK).make(limit);

            assertThat(made.size()).isLessThanOrEqualTo(limit).isGreaterThan(limit / 2);
            assertThat(made.logsTrimmed()).isTrue();
            assertThat(made.fileName()).isEqualTo("yzz-diagnostics-unenrolled-20260601-100000.zip");
            Map<String, byte[]> files = unzip(made.zip());
            String kept = text(files, "logs/kiosk.log");
            assertThat(kept).endsWith("最新的一条\n").doesNotContain(oldest);
            JsonNode manifest = JSON.readTree(files.get("manifest.json"));
            assertThat(manifest.get("logs").get("trimmed").asBoolean()).isTrue();
            long keptRecords = manifest.get("logs").get("records").asLong();
            assertThat(keptRecords).isEqualTo(kept.lines().count());
            assertThat(keptRecords + manifest.get("logs").get("recordsLeftOut").asLong()).isEqualTo(records + 1);
            assertThat(manifest.get("logs").get("note").asText()).contains("只保留了最新的");
            assertThat(manifest.get("notes").toString()).contains("终端还没有注册").contains("没有给出设备配置文件");
        }
    }

    @Test
    void writtenToAFolderUnderItsOwnNameWholeOrNotAtAll() throws Exception {
        Path stick = Files.createDirectory(data.resolve("stick"));
        try (KioskStore store = KioskStore.open(data.resolve("kiosk"), Settings.defaults().withClock(CLOCK))) {
            Path file = new DiagnosticsBundle(data.resolve("kiosk"), store, CLOCK).writeTo(stick, DiagnosticsBundle.UPLOAD_MAX_BYTES);

            assertThat(file.getFileName().toString()).isEqualTo("yzz-diagnostics-unenrolled-20260601-100000.zip");
            try (var listing = Files.list(stick)) {
                assertThat(listing).containsExactly(file); // no .part left behind
            }
            assertThat(unzip(Files.readAllBytes(file))).containsKey("manifest.json");
            assertThatThrownBy(() -> new DiagnosticsBundle(data.resolve("kiosk"), store, CLOCK).writeTo(stick.resolve("gone"), 1 << 20))
                    .isInstanceOf(IOException.class);
        }
        assertThat(DiagnosticsBundle.fileName("村/委:会 1", Instant.parse("2026-06-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo("yzz-diagnostics-______1-20260601-100000.zip");
    }

    /** {@code n} transactions of people with valid GB 11643 numbers and names; some pay for two household members. */
    static List<Person> fill(KioskStore store, int n, long seed) throws Exception {
        Random r = new Random(seed);
        UuidV7 ids = UuidV7.withClock(CLOCK);
        List<Person> people = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(CLOCK).withOffsetSameInstant(ZoneOffset.ofHours(8));
        for (int i = 0; i < n; i++) {
            Person p = person(r, i);
            people.add(p);
            Map<String, Object> formData = new LinkedHashMap<>();
            formData.put("year", "2026");
            if (i % 10 == 0) {
                Person a = person(r, n + 2 * i);
                Person b = person(r, n + 2 * i + 1);
                people.add(a);
                people.add(b);
                formData.put(Transaction.MEMBERS, List.of(Map.of("idNumber", a.idNumber(), "name", a.name()),
                        Map.of("idNumber", b.idNumber(), "name", b.name())));
            }
            store.outbox().enqueue(new Transaction(ids.nextId(), "payment", "RSJ-0007", now, "s-" + i, p, formData, 30_000L, null,
                    "WJ-0042-20260601-" + String.format("%04d", i + 1)));
        }
        return people;
    }

    private static Person person(Random r, int i) {
        // Region 99: GB/T 2260 gives it to nobody, so no number here can be a real person's, even in a fixture.
        String first17 = String.format("99%04d%04d%02d%02d%03d", r.nextInt(10_000), 1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28), i % 1000);
        String name = SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length] + (i >= 132 ? "" + "一二三四五六七八九十".charAt(i / 132 % 10) : "");
        return new Person(IdNumbers.complete(first17), name);
    }

    private void writeLog(List<Person> people, String token, byte[] key) throws IOException {
        StringBuilder log = new StringBuilder("2026-06-01 08:00:00.000 INFO [cn.yzz.kiosk.app] 启动完成\n");
        int minute = 0;
        for (Person p : people) {
            minute++;
            log.append(String.format("2026-06-01 08:%02d:%02d.000 INFO [cn.yzz.kiosk.app] 缴费成功 %s %s%n", minute / 60 % 60, minute % 60,
                    Mask.name(p.name()), Mask.number(p.idNumber())));
        }
        Person a = people.get(5);
        Person b = people.get(6);
        // The hostile input this test exists for: a log file (in the test's temp folder, never the kiosk's log) as a careless
        // caller would have left it without PrivacyLogFormatter: full (nobody's) numbers, names, the token, the key. The
        // assertions check that none of it reaches any file of the bundle; the kiosk itself logs only masked values.
        log.append("2026-06-01 09:00:00.000 WARNING [cn.yzz.kiosk.app] 读卡 ").append(a.idNumber()).append(' ').append(a.name()).append('\n');
        log.append("2026-06-01 09:00:01.000 INFO [cn.yzz.kiosk.app] 查询户籍 id=ID").append(b.idNumber().toLowerCase(Locale.ROOT))
                .append("9 姓名:").append(b.name()).append("先生\n");
        log.append("2026-06-01 09:00:02.000 INFO [cn.yzz.kiosk.sync] Authorization: Bearer ").append(token).append('\n');
        log.append("2026-06-01 09:00:03.000 INFO [cn.yzz.kiosk.cache] key ").append(Base64.getEncoder().encodeToString(key))
                .append(" hex ").append(HexFormat.of().withUpperCase().formatHex(key)).append('\n');
        log.append("2026-06-01 09:00:04.000 SEVERE [cn.yzz.kiosk.app] 缴费失败 ").append(people.get(7).name())
                .append(" | java.io.IOException: 后台没有回答\n    at cn.yzz.kiosk.app.Flow.pay(Flow.java:42)\n");
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve(LogBook.FILE), log, StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
