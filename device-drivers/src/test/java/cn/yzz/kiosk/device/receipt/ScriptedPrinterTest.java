package cn.yzz.kiosk.device.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real driver against a printer written from devices.md alone, not our emulator: it reads
 * its input in order and takes bytes no faster than it prints (§4.8.5: 90 mm/s, 720 dot rows a
 * second; a cut about 0.5–1 s), so a DLE EOT sent after a job is read, and answered, only once the
 * job ahead of it has been printed (§4.5: "On serial it may be answered only between bytes of
 * other data").
 */
class ScriptedPrinterTest {

    static final int DOTS_PER_SECOND = 720;
    /** A text line at the default 1/6-inch spacing, 203 dpi. */
    static final int LINE_DOTS = 34;
    static final long CUT_MILLIS = 750;

    @TempDir Path dir;
    PtyPair pty;
    InOrderPrinter device;
    EscPosReceiptPrinter printer;
    final List<DeviceEvent.StateChanged> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (printer != null) {
            printer.close();
        }
        if (device != null) {
            device.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void aStatusAnsweredOnlyOnceTheJobIsPrintedStillCompletesTheJob() throws Exception {
        pty = PtyPair.open(dir, "slowprn");
        device = new InOrderPrinter(LinkOpener.serialPort(pty.deviceEnd().toString()).open(115200));
        printer = new EscPosReceiptPrinter("receipt-printer", LinkOpener.serialPort(pty.hostEnd().toString()), 115200);
        printer.addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged c) {
                changes.add(c);
            }
        });
        printer.open();
        Receipt receipt = SampleReceipts.payment(Paper.MM80);

        long start = System.nanoTime();
        ReceiptPrinter.PrintJob job;
        try {
            job = printer.print(receipt).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the printer printed the whole receipt and said it is fine, yet the job failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(device.printMillis()).as("the scripted printer took its time").isGreaterThan(1500);
        assertThat(millis).as("the job ends once the printer has answered after printing").isGreaterThanOrEqualTo(device.printMillis());
        assertThat(EscPos.job(receipt).printMillis()).as("the driver's bound on the print time").isGreaterThanOrEqualTo(device.printMillis());
        assertThat(job.after().ready()).isTrue();
        assertThat(device.job()).as("the whole job, once").isEqualTo(EscPos.encode(receipt));
        assertThat(device.cuts()).isEqualTo(1);
        assertThat(changes).as("never taken for a printer that does not answer")
                .noneMatch(c -> c.to() == DeviceState.OFFLINE || c.to() == DeviceState.FAILED);
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
    }

    /**
     * Interprets the command subset of §4.2 byte by byte, in order; answers DLE EOT n with the
     * healthy bytes of §4.5 when it comes to it; sleeps for the paper each command moves.
     */
    static final class InOrderPrinter implements AutoCloseable {
        private final SerialLink link;
        private final Thread thread;
        private final ByteArrayOutputStream job = new ByteArrayOutputStream();
        private volatile boolean running = true;
        private volatile long printNanos;
        private volatile int cuts;
        private final byte[] buf = new byte[4096];
        private int len;
        private int pos;

        InOrderPrinter(SerialLink link) {
            this.link = link;
            this.thread = new Thread(this::run, "scripted-slow-printer");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized byte[] job() {
            return job.toByteArray();
        }

        long printMillis() {
            return TimeUnit.NANOSECONDS.toMillis(printNanos);
        }

        int cuts() {
            return cuts;
        }

        private void run() {
            try {
                while (running) {
                    int b = next();
                    if (b == 0x10) { // DLE EOT n: not part of the job
                        expect(0x04);
                        next();
                        link.write(new byte[] {0x12});
                        continue;
                    }
                    record(b);
                    switch (b) {
                        case 0x0A -> print(LINE_DOTS);
                        case 0x1B -> esc(take());
                        case 0x1C -> take(); // FS & / FS .
                        case 0x1D -> gs(take());
                        default -> { } // text
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }

        private void esc(int c) throws IOException, InterruptedException {
            switch (c) {
                case '@', '2' -> { }
                case 'd' -> print(take() * LINE_DOTS);
                default -> take(); // ESC a/E/!/t/3 n
            }
        }

        private void gs(int c) throws IOException, InterruptedException {
            switch (c) {
                case '!' -> take();
                case 'V' -> {
                    int m = take();
                    if (m == 0x41 || m == 0x42) {
                        take();
                    }
                    long t = System.nanoTime();
                    TimeUnit.MILLISECONDS.sleep(CUT_MILLIS);
                    printNanos += System.nanoTime() - t;
                    cuts++;
                }
                case '(' -> {
                    take(); // k
                    int n = take() | take() << 8;
                    int cn = take();
                    int fn = take();
                    for (int i = 2; i < n; i++) {
                        take();
                    }
                    if (cn == 0x31 && fn == 0x51) {
                        print(240); // a QR code of about 30 modules at 6 dots, with its quiet zone
                    }
                }
                case 'v' -> {
                    take(); // '0'
                    take(); // m
                    int x = take() | take() << 8;
                    int y = take() | take() << 8;
                    for (int i = 0; i < x * y; i++) {
                        take();
                    }
                    print(y);
                }
                default -> throw new IllegalStateException(String.format("GS %02X not in the scripted subset", c));
            }
        }

        private void print(int dots) throws InterruptedException {
            long nanos = TimeUnit.SECONDS.toNanos(dots) / DOTS_PER_SECOND;
            TimeUnit.NANOSECONDS.sleep(nanos);
            printNanos += nanos;
        }

        private int take() throws IOException {
            int b = next();
            record(b);
            return b;
        }

        private void expect(int want) throws IOException {
            int b = next();
            if (b != want) {
                throw new IllegalStateException(String.format("expected %02X, got %02X", want, b));
            }
        }

        private synchronized void record(int b) {
            job.write(b);
        }

        private int next() throws IOException {
            while (pos == len) {
                if (!running) {
                    throw new IOException("closed");
                }
                len = link.read(buf, 0, buf.length, 100);
                pos = 0;
            }
            return buf[pos++] & 0xFF;
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            link.close();
        }
    }
}
