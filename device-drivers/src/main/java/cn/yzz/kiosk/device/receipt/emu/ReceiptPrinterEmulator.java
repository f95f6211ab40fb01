package cn.yzz.kiosk.device.receipt.emu;

import cn.yzz.kiosk.device.CjkFonts;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The printer side of an ESC/POS kiosk receipt printer (KP-628E class), for tests, the demo and
 * training. It answers {@code DLE EOT 1..4} at once from its injectable state with the bit
 * patterns of devices.md §4.5, interprets the command subset the kiosk sends, and renders every
 * cut receipt to a PNG at 203 dpi ({@code receipt-001.png}, … in the output folder).
 *
 * <p>Like a real printer it keeps answering status while out of paper or with the cover open,
 * but prints nothing: a receipt that was being printed then comes out marked incomplete. With
 * pacing on it takes bytes no faster than the line speed, which a pty does not do by itself.
 * Runs on its own thread; all public methods are thread-safe.
 */
public final class ReceiptPrinterEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.receipt.emu");

    private final LinkOpener opener;
    private final int baud;
    private final Path outDir;
    private final Thread thread;
    private final Random random = new Random(5);
    private final AtomicLong statusRequests = new AtomicLong();
    private final List<PrintedReceipt> receipts = new ArrayList<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emu-receipt-png");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    /** What a silent printer was sent, so tests can tell a status request from a job; bounded. */
    private final ByteArrayOutputStream heardWhileSilent = new ByteArrayOutputStream();

    private volatile SerialLink link;
    private volatile boolean running = true;
    private volatile boolean paced;
    private volatile java.util.function.Consumer<PrintedReceipt> printed = r -> { };
    private volatile boolean paperEnd;
    private volatile boolean paperNearEnd;
    private volatile boolean coverOpen;
    private volatile boolean cutterError;
    private volatile boolean silent;
    private volatile int garbageReplies;
    /** Set from the control side, applied by the emulator's thread, which owns the paper. */
    private volatile int runOutAfterDots = -1;

    // Owned by the emulator's thread.
    /** When the (modelled) line is done carrying the bytes received so far. */
    private long wireFree;
    private final PaperRoll roll;
    private final EscPosInterpreter interpreter;

    /**
     * Opens the device side with {@code opener} and answers on it; when the link goes away (cable
     * pulled) it keeps trying to open it again, like a printer that is plugged back in.
     *
     * @param outDir where the rendered receipts go
     */
    public ReceiptPrinterEmulator(LinkOpener opener, int baud, Paper paper, Path outDir) throws IOException {
        this.opener = opener;
        this.baud = baud;
        this.outDir = outDir;
        this.roll = new PaperRoll(paper.dots(), receiptFont(), this::canPrint, this::runOutOfPaper);
        this.interpreter = new EscPosInterpreter(roll, this::answerStatus, this::cut);
        this.link = opener.open(baud);
        this.thread = new Thread(this::runAndReconnect, "emu-receipt-printer");
        thread.setDaemon(true);
        thread.start();
    }

    // ---- controls ----

    /** The roll is empty (or, with false, a new roll was put in). */
    public void setPaperEnd(boolean on) {
        paperEnd = on;
    }

    public void setPaperNearEnd(boolean on) {
        paperNearEnd = on;
    }

    public void setCoverOpen(boolean on) {
        coverOpen = on;
    }

    public void setCutterError(boolean on) {
        cutterError = on;
    }

    /** A printer that takes bytes but never answers, as when it is hung or set to another speed. */
    public void setSilent(boolean on) {
        silent = on;
    }

    /** The paper runs out after {@code dots} more dot rows have been fed (8 per mm), even in the middle of a receipt. */
    public void runOutOfPaperAfter(int dots) {
        runOutAfterDots = dots;
    }

    /** The next {@code times} status replies are each preceded by a few bytes of line noise. */
    public void garbleStatusReplies(int times) {
        garbageReplies = times;
    }

    /** Takes bytes no faster than the line speed. */
    public void setPaced(boolean paced) {
        this.paced = paced;
    }

    /** Told of each receipt cut from now on, once its PNG is written, on the thread that writes it (the training panel shows it). */
    public void onPrinted(java.util.function.Consumer<PrintedReceipt> listener) {
        printed = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Receipts cut so far, oldest first, once their PNGs are written. */
    public List<PrintedReceipt> receipts() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = writes;
        }
        try {
            pending.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("receipt images not written", e);
        }
        synchronized (this) {
            return List.copyOf(receipts);
        }
    }

    /** Bytes received that were not status requests: zero means no job reached the printer. */
    public synchronized long jobBytesReceived() {
        return interpreter.jobBytes();
    }

    /** The bytes that reached the printer while it was silent. */
    public synchronized byte[] heardWhileSilent() {
        return heardWhileSilent.toByteArray();
    }

    public long statusRequests() {
        return statusRequests.get();
    }

    /** Commands the printer did not understand: a host that sends any is out of step with the printer. */
    public synchronized List<String> unknownCommands() {
        return interpreter.unknownCommands();
    }

    @Override
    public void close() {
        running = false;
        link.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close(); // the thread may have reopened it while we were stopping it
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- device side ----

    private boolean canPrint() {
        return !paperEnd && !coverOpen;
    }

    private void runOutOfPaper() {
        paperEnd = true;
        paperNearEnd = true;
    }

    private void runAndReconnect() {
        while (running) {
            run();
            link.close(); // a port left open cannot be opened again: jSerialComm refuses a second open
            while (running) { // the cable is out: wait for it to come back
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                    SerialLink reopened = opener.open(baud);
                    if (!running) {
                        reopened.close();
                        return;
                    }
                    link = reopened;
                    synchronized (this) {
                        interpreter.reset();
                    }
                    break;
                } catch (IOException e) {
                    // still unplugged
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void run() {
        byte[] buf = new byte[512];
        long lastByte = System.nanoTime();
        try {
            while (running) {
                int n = link.read(buf, 0, buf.length, 100);
                if (n <= 0) {
                    synchronized (this) {
                        // A command that stops arriving half way is dropped, not glued to the next one.
                        if (interpreter.inCommand() && System.nanoTime() - lastByte > TimeUnit.SECONDS.toNanos(1)) {
                            interpreter.reset();
                        }
                    }
                    continue;
                }
                lastByte = System.nanoTime();
                if (paced) {
                    pace(n);
                }
                if (silent) {
                    synchronized (this) {
                        if (heardWhileSilent.size() < 65_536) {
                            heardWhileSilent.write(buf, 0, n);
                        }
                    }
                    continue;
                }
                int dots = runOutAfterDots;
                synchronized (this) {
                    if (dots >= 0) {
                        runOutAfterDots = -1;
                        roll.paperLeft(dots);
                    }
                    interpreter.feed(buf, 0, n);
                }
            }
        } catch (LinkLostException e) {
            // the host went away; runAndReconnect waits for it
        } catch (IOException e) {
            if (running) {
                LOG.log(Level.WARNING, "emulated printer: link failed: {0}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A broken control call must not leave a printer that silently stopped answering.
            LOG.log(Level.ERROR, "emulated printer failed; restarting on the next connection", e);
        }
    }

    /** DLE EOT n: one byte, pattern 0xx1xx10, from the current state (devices.md §4.5). */
    private void answerStatus(int n) {
        statusRequests.incrementAndGet();
        boolean error = cutterError;
        boolean offline = paperEnd || coverOpen || error;
        int b = 0x12;
        switch (n) {
            case 1 -> b |= offline ? 0x08 : 0;
            case 2 -> b |= (coverOpen ? 0x04 : 0) | (paperEnd ? 0x20 : 0) | (error ? 0x40 : 0);
            case 3 -> b |= cutterError ? 0x08 : 0;
            case 4 -> b |= (paperNearEnd ? 0x0C : 0) | (paperEnd ? 0x60 : 0);
            default -> {
                return; // not a status a printer knows: no answer
            }
        }
        try {
            if (garbageReplies > 0) {
                garbageReplies--;
                byte[] junk = new byte[3 + random.nextInt(5)];
                random.nextBytes(junk);
                for (int i = 0; i < junk.length; i++) {
                    junk[i] |= 0x01; // bit 0 set: never a valid status byte
                }
                link.write(junk);
            }
            link.write(new byte[] {(byte) b});
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "emulated printer: status reply lost: {0}", e.getMessage());
        }
    }

    /**
     * Records the cut receipt and draws and writes its PNG on another thread: a real printer's
     * receive path does not wait for the paper, so status requests right after a job are answered at once.
     */
    private void cut() {
        PaperRoll.Sheet sheet = roll.cut();
        Path png = outDir.resolve(String.format("receipt-%03d%s.png", receipts.size() + 1, sheet.complete() ? "" : "-incomplete"));
        PrintedReceipt receipt = new PrintedReceipt(png, sheet.lines(), sheet.qrCodes(), sheet.width(), sheet.height(), sheet.complete());
        receipts.add(receipt);
        writes = writes.thenRunAsync(() -> {
            try {
                Files.createDirectories(png.toAbsolutePath().getParent());
                ImageIO.write(sheet.render(), "png", png.toFile());
                printed.accept(receipt);
            } catch (IOException | RuntimeException e) { // one bad receipt must not stop the next ones being written
                LOG.log(Level.ERROR, "emulated printer: cannot write " + png, e);
            }
        }, writer);
        LOG.log(Level.INFO, "emulated printer: cut receipt {0} ({1} lines, {2} QR codes{3})", png.getFileName(), sheet.lines().size(),
                sheet.qrCodes().size(), sheet.complete() ? "" : ", incomplete");
    }

    /**
     * Waits until {@code bytes} more could have crossed the line. The line's clock is absolute, so
     * a late wake-up is not added to every later chunk: back-to-back chunks take their wire time.
     */
    private void pace(int bytes) throws InterruptedException {
        wireFree = Math.max(wireFree, System.nanoTime()) + SerialSettings.wireNanos(bytes, baud);
        long left = wireFree - System.nanoTime();
        if (left > 2_000_000) {
            TimeUnit.NANOSECONDS.sleep(left - 1_000_000);
        }
        while (System.nanoTime() < wireFree) {
            Thread.onSpinWait();
        }
    }

    /** The font the emulated printer draws with, 24 px like a printer's built-in Chinese font; a clear error without one. */
    static Font receiptFont() {
        try {
            return CjkFonts.forText("粤智助凭条缴费金额").deriveFont(24f);
        } catch (CjkFonts.MissingFontException e) {
            throw new IllegalStateException("无法画出凭条：" + e.getMessage(), e);
        }
    }
}
