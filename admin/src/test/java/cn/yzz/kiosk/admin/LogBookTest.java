package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.PrivacyLogFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogBook} on logs written by the kiosk's own formatter and on hand-made ones (old, damaged, rotated). */
class LogBookTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 6, 1, 9, 0);

    @TempDir
    Path data;

    @Test
    void readsWhatTheKiosksFormatterWritesAStackTraceStayingWithItsRecord() throws Exception {
        Path log = data.resolve(LogBook.FILE);
        Files.createDirectories(log.getParent());
        FileHandler h = new FileHandler(log.toString(), 0, 1, true);
        h.setFormatter(new PrivacyLogFormatter());
        h.setEncoding("UTF-8");
        Logger logger = Logger.getLogger("cn.yzz.kiosk.test.logbook");
        logger.setUseParentHandlers(false);
        logger.addHandler(h);
        try {
            logger.info("启动完成");
            logger.warning("打印机纸快用完了");
            logger.log(Level.SEVERE, "读卡失败 440105199001011234", new IOException("端口 /dev/ttyUSB0 没有回答"));
            logger.info("第二行\n    接着的一行");
        } finally {
            logger.removeHandler(h);
            h.close();
        }

        List<LogBook.Entry> all = LogBook.in(data).page(LogBook.Filter.ALL, 0, 10).entries();

        assertThat(all).extracting(LogBook.Entry::level).containsExactly(Level.INFO, Level.SEVERE, Level.WARNING, Level.INFO);
        assertThat(all).allSatisfy(e -> assertThat(e.logger()).isEqualTo("cn.yzz.kiosk.test.logbook"));
        LogBook.Entry severe = all.get(1);
        assertThat(severe.message()).startsWith("读卡失败 440***********1234 | java.io.IOException: 端口 /dev/ttyUSB0 没有回答")
                .contains("\n    at cn.yzz.kiosk.admin.LogBookTest.");
        assertThat(severe.text()).doesNotContain("440105199001011234");
        assertThat(all.get(0).message()).isEqualTo("第二行\n    接着的一行");
        assertThat(all.get(3).message()).isEqualTo("启动完成");
        assertThat(all.get(3).at()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void filtersByLevelAndTimeAndPagesNewestFirst() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            String level = i % 10 == 9 ? "SEVERE" : i % 3 == 0 ? "WARNING" : "INFO";
            log.append(line(i, level, "第 " + i + " 条"));
        }
        write(log.toString());
        LogBook book = new LogBook(data.resolve(LogBook.FILE), CHINA);

        LogBook.Page first = book.page(LogBook.Filter.ALL, 0, 7);
        assertThat(first.entries()).extracting(LogBook.Entry::message).containsExactly(
                "第 29 条", "第 28 条", "第 27 条", "第 26 条", "第 25 条", "第 24 条", "第 23 条");
        assertThat(first.older()).isTrue();
        LogBook.Page last = book.page(LogBook.Filter.ALL, 4, 7);
        assertThat(last.entries()).extracting(LogBook.Entry::message).containsExactly("第 1 条", "第 0 条");
        assertThat(last.older()).isFalse();

        LogBook.Filter errors = new LogBook.Filter(Level.SEVERE, null);
        assertThat(book.page(errors, 0, 10).entries()).extracting(LogBook.Entry::message).containsExactly("第 29 条", "第 19 条", "第 9 条");
        LogBook.Filter warningsLastTen = new LogBook.Filter(LogBook.level("警告").orElseThrow(), at(20));
        assertThat(book.page(warningsLastTen, 0, 10).entries()).extracting(LogBook.Entry::message)
                .containsExactly("第 29 条", "第 27 条", "第 24 条", "第 21 条");
        assertThat(book.oldestFirst(new LogBook.Filter(null, at(27)))).extracting(LogBook.Entry::message)
                .containsExactly("第 27 条", "第 28 条", "第 29 条");
        assertThat(book.page(new LogBook.Filter(null, at(31)), 0, 10).entries()).isEmpty();
    }

    @Test
    void masksAgainWhatAnOlderWriterLeftAndShowsDamagedLinesAsTheyAre() throws Exception {
        write("游离的一行 440105199001011234\n"
                + line(0, "INFO", "身份证 440105199001011234 外国人 ABC440105199001 旧号码 440105900101123")
                + "2026-06-01 09:00:01.000 INF2026-06-01 09:00:02.000 INFO [x] 两条写到了一起\n"
                + "\0\0\0\0\0\0\0\n"
                + line(3, "SEVERE", "断电前")
                + "2026-06-01 09:0");
        LogBook book = new LogBook(data.resolve(LogBook.FILE), CHINA);

        List<LogBook.Entry> all = book.page(new LogBook.Filter(Level.SEVERE, null), 0, 10).entries();

        assertThat(all).extracting(LogBook.Entry::message).containsExactly(
                "2026-06-01 09:0", "断电前", "\uFFFD".repeat(7), "2026-06-01 09:00:01.000 INF2026-06-01 09:00:02.000 INFO [x] 两条写到了一起",
                "游离的一行 440***********1234");
        assertThat(all.get(0).damaged()).isTrue();
        assertThat(all.get(1).damaged()).isFalse();
        assertThat(all.get(2).damaged()).isTrue();
        LogBook.Entry old = book.page(new LogBook.Filter(Level.INFO, null), 0, 10).entries().get(4);
        assertThat(old.message()).isEqualTo("身份证 440***********1234 外国人 ABC********9001 旧号码 440********1123");
    }

    @Test
    void goesOnIntoWhatLogrotateKept() throws Exception {
        write(line(20, "INFO", "今天"));
        Files.writeString(data.resolve(LogBook.FILE + ".1"), line(10, "INFO", "昨天"), StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve(LogBook.FILE + ".2.gz")))) {
            out.write((line(1, "INFO", "前天 440105199001011234") + line(2, "WARNING", "前天下午")).getBytes(StandardCharsets.UTF_8));
        }
        LogBook book = new LogBook(data.resolve(LogBook.FILE), CHINA);

        assertThat(book.page(LogBook.Filter.ALL, 0, 10).entries()).extracting(LogBook.Entry::message)
                .containsExactly("今天", "昨天", "前天下午", "前天 440***********1234");
        assertThat(book.page(new LogBook.Filter(null, at(5)), 0, 10).entries()).hasSize(2);
    }

    @Test
    void aMissingLogIsAnEmptyOne() throws Exception {
        assertThat(LogBook.in(data).page(LogBook.Filter.ALL, 0, 10).entries()).isEmpty();
    }

    @Test
    void theFirstPageOfATenMegabyteLogComesFromItsEnd() throws Exception {
        StringBuilder chunk = new StringBuilder();
        int i = 0;
        while (chunk.length() < 720_000) {
            chunk.append(line(i % 3600, i % 50 == 0 ? "SEVERE" : "INFO", "打印了回执 " + i + "，用时 120 毫秒，队列待上传 3 条"));
            i++;
        }
        Path log = data.resolve(LogBook.FILE);
        Files.createDirectories(log.getParent());
        for (int k = 0; k < 10; k++) {
            Files.writeString(log, chunk, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        assertThat(Files.size(log)).isGreaterThan(10_000_000);
        LogBook book = new LogBook(log, CHINA);
        book.page(LogBook.Filter.ALL, 0, 50); // warm up the classes

        long t0 = System.nanoTime();
        LogBook.Page first = book.page(LogBook.Filter.ALL, 0, 50);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        List<LogBook.Entry> none = book.newest(new LogBook.Filter(Level.parse("1100"), null), 10); // above SEVERE: reads everything
        long wholeMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("LogBook on %.1f MB: first page %d ms, the whole log %d ms%n", Files.size(log) / 1e6, firstMs, wholeMs);

        assertThat(first.entries()).hasSize(50);
        assertThat(none).isEmpty();
        // Generous for a loaded 2-core CI box; on an idle one the first page takes a few ms, the whole log well under 1 s.
        assertThat(firstMs).isLessThan(500);
        assertThat(wholeMs).isLessThan(5_000);
    }

    private static Instant at(int minute) {
        return T0.plusMinutes(minute).atZone(CHINA).toInstant();
    }

    private static String line(int minute, String level, String message) {
        return TIME.format(T0.plusMinutes(minute)) + " " + level + " [cn.yzz.kiosk.app] " + message + "\n";
    }

    private void write(String text) throws IOException {
        Path log = data.resolve(LogBook.FILE);
        Files.createDirectories(log.getParent());
        Files.writeString(log, text, StandardCharsets.UTF_8);
    }
}
