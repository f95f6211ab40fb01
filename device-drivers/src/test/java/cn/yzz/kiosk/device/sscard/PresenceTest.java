package cn.yzz.kiosk.device.sscard;

import static cn.yzz.kiosk.device.sscard.PcscReaderTest.readFailsOn;
import static cn.yzz.kiosk.device.sscard.PcscReaderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What pcsc-lite does that a virtual card cannot make it do on cue: a wait that wakes up with no
 * card, and the service or reader vanishing and coming back. A stand-in {@link CardTerminal}
 * answers the way pcsc-lite does (errors carry the PC/SC code in the cause, as the JDK's do).
 */
class PresenceTest {

    /** A reader whose card-present wait returns at once although there is no card. */
    static final class FlickeringTerminal extends CardTerminal {
        volatile String failure; // a PC/SC code every call fails with, or null
        final AtomicInteger wakeUps = new AtomicInteger();

        @Override
        public String getName() {
            return "Flaky Reader 00 00";
        }

        @Override
        public Card connect(String protocol) throws CardException {
            check();
            throw pcsc("connect() failed", "SCARD_E_NO_SMARTCARD");
        }

        @Override
        public boolean isCardPresent() throws CardException {
            check();
            return false;
        }

        @Override
        public boolean waitForCardPresent(long timeout) throws CardException {
            check();
            wakeUps.incrementAndGet();
            return true; // the spurious wake-up
        }

        @Override
        public boolean waitForCardAbsent(long timeout) throws CardException {
            check();
            return true;
        }

        private void check() throws CardException {
            String f = failure;
            if (f != null) {
                throw pcsc("SCardGetStatusChange failed", f);
            }
        }
    }

    static CardException pcsc(String what, String code) {
        return new CardException(what, new Exception(code));
    }

    private final FlickeringTerminal terminal = new FlickeringTerminal();
    private volatile String serviceFailure; // what listing the readers fails with, or null
    private volatile boolean unplugged;
    private volatile long pcscdPid = -1; // the running pcscd, as the driver looks it up; -1 when none runs
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private final PcscSsCardReader reader = new PcscSsCardReader("ss-flaky", null, () -> {
        String f = serviceFailure;
        if (f != null) {
            throw pcsc("list() failed", f);
        }
        return unplugged ? List.of() : List.of(terminal);
    }, () -> pcscdPid);

    @AfterEach
    void close() {
        reader.close();
    }

    @Test
    void wakeUpsWithoutACardAreNotACard() throws Exception {
        reader.addListener(events::add);
        reader.open();
        waitFor(() -> reader.statistics().getOrDefault("SpuriousWakeupCount", 0L) >= 3);

        assertThat(reader.cardPresent()).isFalse();
        DeviceException e = readFailsOn(reader, Duration.ofMillis(400));
        assertThat(e.kind()).isEqualTo(DeviceException.Kind.NO_MEDIA);
        assertThat(events).noneMatch(ev -> ev instanceof SsCardEvent);
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
    }

    @Test
    void pcscdGoingAwayIsOfflineInPlainWordsAndComingBackIsIdle() throws Exception {
        reader.addListener(events::add);
        reader.open();
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);

        serviceFailure = "SCARD_E_NO_SERVICE";
        terminal.failure = "SCARD_E_NO_SERVICE";
        String why = "读卡服务（pcscd）没有运行或已停止：请重启读卡服务或重启终端（SCARD_E_NO_SERVICE）";
        waitFor(() -> events.contains(new DeviceEvent.StateChanged("ss-flaky", DeviceState.IDLE, DeviceState.OFFLINE, why)));
        DeviceException e = readFailsOn(reader, Duration.ofSeconds(1));
        assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING);
        assertThat(e.getMessage()).isEqualTo(why);
        assertThat(reader.checkHealth().detail()).isEqualTo(why);

        serviceFailure = null;
        terminal.failure = null;
        waitFor(() -> events.contains(new DeviceEvent.StateChanged("ss-flaky", DeviceState.OFFLINE, DeviceState.IDLE,
                "社保卡读卡器已连接（Flaky Reader 00 00）")));
        assertThat(reader.statistics()).containsKey("ReconnectAttemptCount");
    }

    @Test
    void pcscdRestartedUnderTheJvmIsAFaultOnlyARestartClears() throws Exception {
        pcscdPid = 100;
        reader.addListener(events::add);
        reader.open();

        // Another pcscd is up, but this JVM's PC/SC context died with the old one.
        pcscdPid = 200;
        serviceFailure = "SCARD_E_NO_SERVICE";
        terminal.failure = "SCARD_E_NO_SERVICE";
        String why = "读卡服务（pcscd）重启过，本程序与它的连接已断开，无法自动恢复：请重启终端程序（SCARD_E_NO_SERVICE）";
        waitFor(() -> events.contains(new DeviceEvent.StateChanged("ss-flaky", DeviceState.IDLE, DeviceState.FAILED, why)));
        DeviceException e = readFailsOn(reader, Duration.ofSeconds(1));
        assertThat(e.kind()).isEqualTo(DeviceException.Kind.DEVICE_FAULT);
        assertThat(e.getMessage()).isEqualTo(why);
    }

    @Test
    void anErrorFromTheSamePcscdIsNotARestart() throws Exception {
        pcscdPid = 100;
        reader.addListener(events::add);
        reader.open();

        terminal.failure = "SCARD_E_NO_SERVICE"; // a hiccup: the same pcscd is still there
        waitFor(() -> events.contains(new DeviceEvent.StateChanged("ss-flaky", DeviceState.IDLE, DeviceState.OFFLINE,
                "读卡服务（pcscd）没有运行或已停止：请重启读卡服务或重启终端（SCARD_E_NO_SERVICE）")));
        terminal.failure = null;
        waitFor(() -> reader.state() == DeviceState.IDLE);
    }

    @Test
    void aReaderPulledOutIsOfflineUntilItIsPluggedBackIn() throws Exception {
        reader.addListener(events::add);
        reader.open();

        unplugged = true;
        terminal.failure = "SCARD_E_READER_UNAVAILABLE";
        waitFor(() -> events.contains(new DeviceEvent.StateChanged("ss-flaky", DeviceState.IDLE, DeviceState.OFFLINE,
                "社保卡读卡器已断开：请检查读卡器的 USB 线是否插好（SCARD_E_READER_UNAVAILABLE）")));
        // While it stays out, the retries say there is no reader at all.
        waitFor(() -> reader.checkHealth().detail().equals("没有找到社保卡读卡器：请检查读卡器的 USB 线是否插好"));

        terminal.failure = null;
        unplugged = false;
        waitFor(() -> reader.state() == DeviceState.IDLE);
    }
}
