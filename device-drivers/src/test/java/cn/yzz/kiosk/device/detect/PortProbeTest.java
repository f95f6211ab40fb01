package cn.yzz.kiosk.device.detect;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.qr.ScannerCommands;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One port asked by {@link PortProbe}: what it takes for a device to be found, and for a silent port to be called silent. */
class PortProbeTest {

    private final MemoryCable cable = new MemoryCable("ttyACM0");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread device;

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        if (device != null) {
            device.join(5000);
        }
    }

    @Test
    void aDeviceThatAnswersPastTheFirstRoundsWaitIsStillFound() throws Exception {
        // A GM65 module at 9600 baud that answers 160 ms after the question: past the first round's 80 ms, within the
        // second's 300 ms (a device on a busy machine). Its late answer is heard in the first round, which earns the port
        // the second.
        device = gm65Answering(160);
        PortProbe.Result r = new PortProbe("ttyACM0", stopBits -> cable::openHost, List.of(new Gm65Probe())).run();
        assertThat(r.probe()).as(r.detail()).containsInstanceOf(Gm65Probe.class);
        assertThat(r.baud()).isEqualTo(9600);
    }

    @Test
    void aPortThatNeverAnswersIsSilent() {
        PortProbe.Result r = new PortProbe("ttyACM0", stopBits -> cable::openHost, List.of(new Gm65Probe())).run();
        assertThat(r.probe()).isEmpty();
        assertThat(r.detail()).startsWith("没有应答");
    }

    private Thread gm65Answering(long afterMillis) throws Exception {
        SerialLink link = cable.openDevice(9600);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64];
            ByteArrayOutputStream question = new ByteArrayOutputStream();
            try (link) {
                while (running.get()) {
                    int n = link.read(buf, 0, buf.length, 20);
                    if (n > 0) {
                        question.write(buf, 0, n);
                        continue;
                    }
                    byte[] q = question.toByteArray();
                    question.reset();
                    if (q.length >= 3 && q[0] == 0x7E && q[1] == 0x00 && q[2] == 0x07) { // a register read, at our speed
                        Thread.sleep(afterMillis);
                        byte[] reply = {0x02, 0x00, 0x00, 0x01, 0x01, 0, 0};
                        int crc = ScannerCommands.crc16(reply, 1, 5);
                        reply[5] = (byte) (crc >> 8);
                        reply[6] = (byte) crc;
                        link.write(reply);
                    }
                }
            } catch (Exception e) {
                // the test is over
            }
        }, "gm65-late");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
