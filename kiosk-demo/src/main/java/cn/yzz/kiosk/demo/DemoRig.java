package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.app.DeviceLinks;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.cash.emu.AcceptorFault;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.sscard.emu.MemoryCardTerminal;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.smartcardio.CardTerminal;

/**
 * The demo's devices: an emulated ID card reader, QR scanner and receipt printer at the far ends of
 * in-memory cables, timed like real ones (wire time at the baud rate, radio and security module
 * latency), and a social security card slot in memory ({@link MemoryCardTerminal}, the real PC/SC
 * driver's calls answered by a virtual card). The real drivers talk to them, so the demo exercises the
 * same code as a kiosk with hardware. The banknote acceptor is the note validator emulator (SSP at 9600 baud, its
 * state in the demo's data folder, so a restarted demo finds its cash box as it was) on a cable of its own.
 * As the kiosk's {@link DeviceLinks} it puts those four on the cables,
 * the card slot under the PC/SC driver, and stands in for the A4 printer with {@link DemoA4Printer} (PDFs in
 * the {@code a4} folder beside the receipts' one).
 */
public final class DemoRig implements DeviceLinks, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    public static final int BAUD = 115200;

    private final MemoryCable cable;
    private final IdCardReaderEmulator emulator;
    private final MemoryCable printerCable;
    private final ReceiptPrinterEmulator printer;
    private final MemoryCable scannerCable;
    private final ScannerEmulator scanner;
    private final DemoA4Printer a4;
    private final MemoryCable cashCable;
    private final NoteAcceptorEmulator notes;

    /** A page of A4 takes about this long, as on a small office laser printer (20–30 pages a minute). */
    static final Duration A4_PAGE = Duration.ofMillis(1200);
    private final MemoryCardTerminal ssSlot = new MemoryCardTerminal("Demo SS Card Reader 00 00");

    private DemoRig(MemoryCable cable, IdCardReaderEmulator emulator, MemoryCable printerCable, ReceiptPrinterEmulator printer,
                    MemoryCable scannerCable, ScannerEmulator scanner, DemoA4Printer a4, MemoryCable cashCable,
                    NoteAcceptorEmulator notes) {
        this.cable = cable;
        this.emulator = emulator;
        this.printerCable = printerCable;
        this.printer = printer;
        this.scannerCable = scannerCable;
        this.scanner = scanner;
        this.a4 = a4;
        this.cashCable = cashCable;
        this.notes = notes;
    }

    /**
     * @param receipts where the emulated receipt printer writes each receipt it cuts, as a PNG; the A4 printer
     *                 writes its PDFs into the folder {@code a4} beside it
     */
    public static DemoRig start(Path receipts) throws IOException {
        MemoryCable cable = new MemoryCable("demo-id");
        IdCardReaderEmulator emulator = new IdCardReaderEmulator(cable::openDevice, BAUD);
        emulator.setPaced(true);
        emulator.setLatency(Duration.ofMillis(30), Duration.ofMillis(30), Duration.ofMillis(400));
        MemoryCable printerCable = new MemoryCable("demo-receipt");
        ReceiptPrinterEmulator printer = new ReceiptPrinterEmulator(printerCable::openDevice, BAUD, Paper.MM80, receipts);
        printer.setPaced(true);
        MemoryCable scannerCable = new MemoryCable("demo-qr");
        ScannerEmulator scanner = new ScannerEmulator(scannerCable::openDevice, BAUD, ScannerFamily.NEWLAND);
        DemoA4Printer a4 = new DemoA4Printer("a4-printer", receipts.resolveSibling("a4"), A4_PAGE);
        MemoryCable cashCable = new MemoryCable("demo-cash");
        java.nio.file.Files.createDirectories(receipts.toAbsolutePath().getParent());
        NoteAcceptorEmulator notes = new NoteAcceptorEmulator(cashCable::openDevice,
                receipts.resolveSibling("note-acceptor.state"), Dataset.CNY);
        notes.setPaced(true);
        return new DemoRig(cable, emulator, printerCable, printer, scannerCable, scanner, a4, cashCable, notes);
    }

    @Override
    public Optional<Link> link(DeviceKind kind) {
        if (kind == DeviceKind.CASH_ACCEPTOR) {
            return Optional.of(new Link(cashCable::openHost, NoteAcceptorEmulator.BAUD));
        }
        return Optional.ofNullable(switch (kind) {
            case IDCARD_READER -> idReaderHost();
            case QR_SCANNER -> scannerHost();
            case RECEIPT_PRINTER -> receiptPrinterHost();
            default -> null;
        }).map(host -> new Link(host, BAUD));
    }

    @Override
    public boolean takenAsPresent(DeviceKind kind) {
        return false; // every fitted device has a driver or a stand-in
    }

    @Override
    public Optional<Device> standIn(DeviceSpec spec) {
        return spec.kind() == DeviceKind.A4_PRINTER ? Optional.of(a4) : Optional.empty();
    }

    /** The A4 printer the kiosk prints on: PDFs in the demo's data, paper and jams to set. */
    public DemoA4Printer a4Printer() {
        return a4;
    }

    @Override
    public Optional<CardTerminal> cardTerminal(DeviceKind kind) {
        return kind == DeviceKind.SSCARD_READER ? Optional.of(ssSlot) : Optional.empty();
    }

    /** Puts a social security card (or a card that is not one) into the slot, in place of any card there. */
    public void insertSsCard(SsCardFixture card) {
        LOG.info(() -> "simulator: social security card inserted (" + card.id() + ")");
        ssSlot.insert(card);
    }

    public void removeSsCard() {
        LOG.info("simulator: social security card taken out");
        ssSlot.remove();
    }

    @Override
    public String toString() {
        return "demo devices";
    }

    /** The kiosk's end of the QR scanner's cable (a Newland module, as in the example profiles). */
    public LinkOpener scannerHost() {
        return scannerCable::openHost;
    }

    /** Shows a code to the emulated scanner, as a villager holds up a phone. */
    public void showCode(String text) {
        LOG.info("simulator: a code is shown to the scanner");
        scanner.present(text);
    }

    /** The kiosk's end of the ID card reader's cable, for the driver. */
    public LinkOpener idReaderHost() {
        return cable::openHost;
    }

    /** The kiosk's end of the receipt printer's cable. */
    public LinkOpener receiptPrinterHost() {
        return printerCable::openHost;
    }

    public ReceiptPrinterEmulator receiptPrinter() {
        return printer;
    }

    public IdCardReaderEmulator emulator() {
        return emulator;
    }

    public void placeCard(CardFixture card) {
        LOG.info(() -> "simulator: card placed (" + card.id() + ")");
        emulator.placeCard(card);
    }

    public void removeCard() {
        LOG.info("simulator: card taken away");
        emulator.removeCard();
    }

    /** The reader stops answering until {@link #clearFaults()}. */
    public void silence() {
        LOG.info("simulator: reader silent");
        emulator.inject(Fault.SILENCE, Integer.MAX_VALUE);
    }

    /** The next read fails once (the driver retries by itself). */
    public void readFailsOnce() {
        LOG.info("simulator: next read fails once");
        emulator.inject(Fault.READ_FAILS, 1);
    }

    /** The card is lifted during the next read. */
    public void cardRemovedMidRead() {
        LOG.info("simulator: card lifted during the next read");
        emulator.inject(Fault.CARD_REMOVED_MID_READ, 1);
    }

    public void unplug() {
        LOG.info("simulator: reader cable pulled");
        cable.unplug();
    }

    public void plugIn() {
        LOG.info("simulator: reader cable back in");
        cable.plugIn();
    }

    public boolean plugged() {
        return cable.plugged();
    }

    /** The emulated note validator: what it took ({@code credits()}), its cash box, its faults. */
    public NoteAcceptorEmulator noteAcceptor() {
        return notes;
    }

    /** A villager pushes a genuine note of {@code valueFen} into the bezel; false when the unit does not draw it in. */
    public boolean insertNote(long valueFen) {
        LOG.info(() -> "simulator: a note of " + valueFen / 100 + " yuan inserted");
        return notes.insert(valueFen);
    }

    /** A counterfeit: read and handed back. */
    public boolean insertFakeNote() {
        LOG.info("simulator: a fake note inserted");
        return notes.insertFake();
    }

    /** The acceptor's power is pulled for {@code off} (a note in its path is cleared at power-up). */
    public void cutNoteAcceptorPower(Duration off) {
        LOG.info(() -> "simulator: note acceptor power cut for " + off.toSeconds() + " s");
        notes.cutPower(off);
    }

    public void removeCashbox() {
        LOG.info("simulator: cash box removed");
        notes.removeCashbox();
    }

    /** An emptied cash box goes back: the kiosk prints its audit. */
    public void replaceCashbox() {
        LOG.info("simulator: cash box replaced (emptied)");
        notes.replaceCashbox();
    }

    /** The next note jams inside the unit. */
    public void jamNextNote() {
        LOG.info("simulator: the next note jams");
        notes.inject(AcceptorFault.SAFE_JAM, 1);
    }

    /** Someone clears the jam (the unit restarts). */
    public void clearNoteJam() {
        LOG.info("simulator: note jam cleared");
        notes.clearJam();
    }

    public void clearFaults() {
        LOG.info("simulator: faults cleared");
        emulator.clearFaults();
    }

    @Override
    public void close() {
        emulator.close();
        printer.close();
        scanner.close();
        a4.close(); // the kiosk closed it already when it had it; closing twice does nothing
        notes.close();
    }
}
