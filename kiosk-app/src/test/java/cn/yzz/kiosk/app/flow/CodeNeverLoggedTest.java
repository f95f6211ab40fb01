package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.KioskLog;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel.Problem;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.TestFxThread;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 粤省事码 is a credential: it never reaches the log. The real scanner driver reads it off an in-memory
 * cable from the emulated scanner, the identify model hands it to the county (unknown, known, the county
 * unreachable, the kiosk offline, shown at home), and then the kiosk's own log file ({@link KioskLog}) and
 * every record of every level, its parameters and its exceptions, are searched for it.
 */
class CodeNeverLoggedTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KNOWN = "https://yss.gd.gov.cn/v?c=Q2l0aXplbkNvZGUtOTk0MjEx";
    private static final String UNKNOWN = "https://yss.gd.gov.cn/v?c=RXhwaXJlZC1Db2RlLTAwMDAx";

    @TempDir
    Path dataDir;

    private final TestFxThread fx = new TestFxThread();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level kioskLevel;
    private MemoryCable cable;
    private ScannerEmulator emulator;
    private SerialQrScanner scanner;
    private final FakeCounty county = new FakeCounty(TODAY);
    private IdentifyModel model;

    @BeforeEach
    void setUp() throws Exception {
        KioskLog.setup(dataDir);
        Logger kiosk = Logger.getLogger("cn.yzz.kiosk");
        kioskLevel = kiosk.getLevel();
        kiosk.setLevel(Level.ALL); // the finest debug line too
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);

        cable = new MemoryCable("test-qr");
        emulator = new ScannerEmulator(cable::openDevice, 115200, ScannerFamily.NEWLAND);
        scanner = new SerialQrScanner("qr-scanner", cable::openHost, 115200,
                SerialQrScanner.Options.of(ScannerFamily.NEWLAND, SerialQrScanner.Mode.PRESENTATION));
        scanner.open();
        county.codes.put(KNOWN, new Person("440203195103152316", "李秀英"));
        model = fx.call(() -> {
            IdentifyModel m = new IdentifyModel(new FakeIdCardReader(), fx, TODAY, Duration.ofSeconds(60), PhotoDecoder.placeholder(),
                    new IdentifyModel.Means(scanner, null, county));
            m.abilitiesProperty().set(new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
            return m;
        });
    }

    @AfterEach
    void tearDown() {
        fx.run(model::cancel);
        fx.run(() -> model.watchAtHome(null));
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("cn.yzz.kiosk").setLevel(kioskLevel);
        scanner.close();
        emulator.close();
        fx.close();
    }

    private void await(String what, java.util.function.Supplier<Boolean> condition) {
        fx.await(WAIT, what, condition);
    }

    @Test
    void noCodeReachesTheLogWhateverTheCountySays() throws Exception {
        fx.run(model::start);
        await("listening", () -> scanner.state() == cn.yzz.kiosk.device.DeviceState.BUSY);

        emulator.present(UNKNOWN);
        await("404", () -> model.problemProperty().get() == Problem.CODE_UNKNOWN);
        emulator.present(KNOWN);
        await("resolved", () -> model.stepProperty().get() == Step.DONE);

        fx.run(model::start);
        county.down = true;
        emulator.present(KNOWN);
        await("unreachable", () -> model.problemProperty().get() == Problem.CODE_OFFLINE);
        county.down = false;

        fx.run(() -> model.abilitiesProperty().set(new Abilities(EnumSet.allOf(DeviceNeed.class), false, "enhanced")));
        fx.run(model::start);
        emulator.present(UNKNOWN);
        await("offline", () -> model.problemProperty().get() == Problem.CODE_OFFLINE && county.calls.size() == 3);

        fx.run(() -> {
            model.cancel();
            model.watchAtHome(() -> false); // at home, with something covering the screen
        });
        emulator.present(KNOWN);
        await("dropped at home", () -> records.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains("where none is taken")));

        KioskLog.flush();
        String file = Files.readString(dataDir.resolve("logs/kiosk.log"), StandardCharsets.UTF_8);
        assertThat(file).as("the log file says what happened").contains("a code was shown", "粤省事码 unknown", "粤省事码 resolved");
        assertThat(file).as("the driver logged each scan, masked").contains("scanned Scan[http…");
        assertThat(file).doesNotContain(KNOWN).doesNotContain(UNKNOWN).doesNotContain("Q2l0aXplbkNvZGUtOTk0MjEx")
                .doesNotContain("RXhwaXJlZC1Db2RlLTAwMDAx");

        assertThat(records).as("records captured").hasSizeGreaterThan(10);
        for (LogRecord r : records) {
            String all = everything(r);
            assertThat(all).as(r.getLoggerName() + ": " + r.getMessage()).doesNotContain("Q2l0aXplbkNvZGUtOTk0MjEx")
                    .doesNotContain("RXhwaXJlZC1Db2RlLTAwMDAx");
        }
    }

    /** The record as any formatter could print it: its message formatted and raw, every parameter, and its exception with causes. */
    private static String everything(LogRecord r) {
        StringBuilder sb = new StringBuilder(new SimpleFormatter().format(r)).append(r.getMessage());
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                sb.append(' ').append(p);
            }
        }
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }
}
