package cn.yzz.kiosk.app.training;

import cn.yzz.kiosk.app.CountyLink;
import cn.yzz.kiosk.app.DeviceLinks;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Nations;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.emu.MemoryCardTerminal;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.smartcardio.CardTerminal;

/**
 * 培训模式's devices and county: the device-drivers' emulators behind in-memory cables for the devices the kiosk's profile
 * lists, so that the kiosk's own drivers run as on a kiosk with hardware, and a {@link TrainingCounty} that answers
 * without a network. Nothing here injects faults, and its people are obviously not people ({@link #CARD}).
 * The trainer works it from the {@link TrainingPanel} on screen. Everything it writes is under its own folder.
 */
public final class TrainingRig implements DeviceLinks, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.training");

    /** The speed both ends of the emulated serial devices run at. */
    static final int BAUD = 115200;

    /**
     * 培训学员: region code 99 is no province's (GB/T 2260 has 11–82; residence permits 81–83, the 2023 foreigner card
     * 9 + a province), so the number cannot be anyone's; its check character is right, so the kiosk reads it as it
     * reads any card.
     */
    public static final CardFixture CARD = training("training", "培训学员（培训用身份证）", "培训学员", Sex.MALE,
            LocalDate.of(2000, 1, 1), "99000020000101001");

    /** 培训长辈: 70 or older, so the kiosk suggests 长辈模式 as it does for an elderly villager. */
    public static final CardFixture ELDER_CARD = training("training-elder", "培训长辈（培训用身份证，1950年生）", "培训长辈", Sex.FEMALE,
            LocalDate.of(1950, 1, 1), "99000019500101002");

    /** The training social security card, of 培训学员. */
    public static final SsCardFixture SS_CARD = new SsCardFixture("training-ss", "培训用社保卡",
            new SsCard("990000D15600000502000000000000A1", "2.00", LocalDate.of(2020, 1, 1), LocalDate.of(2040, 1, 1),
                    "T00000001", CARD.card().idNumber(), CARD.card().name(), Sex.MALE, Nations.code("汉"), "990000",
                    CARD.card().birthDate(), List.of()),
            true, true, Set.of(), Map.of());

    /** The 粤省事码 the trainer's phone shows; the training county knows it as 培训学员. */
    public static final String CODE = "YSS-PEIXUN-0000000000";

    private final Path folder;
    private final MemoryCable idCable = new MemoryCable("training-id");
    private final MemoryCable printerCable = new MemoryCable("training-receipt");
    private final MemoryCable scannerCable = new MemoryCable("training-qr");
    private final MemoryCable cashCable = new MemoryCable("training-cash");
    private final MemoryCardTerminal ssSlot = new MemoryCardTerminal("Training SS Card Reader 00 00");
    private final IdCardReaderEmulator idReader;
    private final ReceiptPrinterEmulator printer;
    private final ScannerEmulator scanner;
    private final NoteAcceptorEmulator notes; // null on a desktop kiosk
    private final Set<DeviceKind> fitted;
    /** The trainer's taps reach the emulators here, never on the JavaFX thread (the acceptor writes its state file). */
    private final java.util.concurrent.ExecutorService controls = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-training-controls");
        t.setDaemon(true);
        return t;
    });
    private volatile TrainingCounty county;

    private TrainingRig(Path folder, DeviceProfile profile) throws IOException {
        this.folder = folder;
        this.fitted = profile.devices().stream().map(cn.yzz.kiosk.device.profile.DeviceSpec::kind)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        List<AutoCloseable> started = new java.util.ArrayList<>();
        try {
            idReader = started(started, new IdCardReaderEmulator(idCable::openDevice, BAUD));
            Paper paper = profile.device(DeviceKind.RECEIPT_PRINTER).map(s -> s.textOption("paper")).filter("58mm"::equals)
                    .map(s -> Paper.MM58).orElse(Paper.MM80);
            printer = started(started, new ReceiptPrinterEmulator(printerCable::openDevice, BAUD, paper, folder.resolve("receipts")));
            scanner = started(started, new ScannerEmulator(scannerCable::openDevice, BAUD, ScannerFamily.NEWLAND));
            notes = profile.device(DeviceKind.CASH_ACCEPTOR).isEmpty() ? null
                    : started(started, new NoteAcceptorEmulator(cashCable::openDevice, folder.resolve("note-acceptor.state"),
                    Dataset.CNY));
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : started) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T started(List<AutoCloseable> started, T emulator) {
        started.add(emulator);
        return emulator;
    }

    /**
     * Empties {@code folder} (what an earlier training left) and starts the emulators of the devices {@code profile}
     * lists. Blocks briefly (files, emulator threads): call it off the JavaFX thread.
     */
    public static TrainingRig start(Path folder, DeviceProfile profile) throws IOException {
        empty(folder);
        Files.createDirectories(folder);
        TrainingRig rig = new TrainingRig(folder, profile);
        LOG.info(() -> "training: emulated devices started under " + folder);
        return rig;
    }

    /** Deletes {@code folder} and everything in it, if it exists. */
    static void empty(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Where the training store, its receipts and its cash box state are: emptied at each start. */
    public Path folder() {
        return folder;
    }

    /**
     * The service runs' county in training, on the training store that {@code link} opens (in {@link #folder()}, never
     * enrolled, so nothing syncs). Made once, by the kiosk that runs on this rig.
     */
    public synchronized County county(Supplier<Optional<CountyLink>> link) {
        if (county != null) {
            throw new IllegalStateException("the training county is made once");
        }
        county = new TrainingCounty(link);
        return county;
    }

    /** The training county, once the kiosk has made it. */
    TrainingCounty trainingCounty() {
        TrainingCounty c = county;
        if (c == null) {
            throw new IllegalStateException("no kiosk runs on this training rig yet");
        }
        return c;
    }

    @Override
    public Optional<Link> link(DeviceKind kind) {
        return switch (kind) {
            case IDCARD_READER -> Optional.of(new Link(idCable::openHost, BAUD));
            case QR_SCANNER -> Optional.of(new Link(scannerCable::openHost, BAUD));
            case RECEIPT_PRINTER -> Optional.of(new Link(printerCable::openHost, BAUD));
            case CASH_ACCEPTOR -> notes == null ? Optional.empty()
                    : Optional.of(new Link(cashCable::openHost, NoteAcceptorEmulator.BAUD));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<CardTerminal> cardTerminal(DeviceKind kind) {
        return kind == DeviceKind.SSCARD_READER ? Optional.of(ssSlot) : Optional.empty();
    }

    /** The A4 printer has no emulator: it counts as working and prints nothing, so training never prints on real paper. */
    @Override
    public boolean takenAsPresent(DeviceKind kind) {
        return kind == DeviceKind.A4_PRINTER;
    }

    // ---- what the trainer does (TrainingPanel) ----

    /** Whether the kiosk's profile lists {@code kind}: the panel offers only what the kiosk has. */
    boolean fitted(DeviceKind kind) {
        return fitted.contains(kind);
    }

    /** Runs a trainer's action on {@code kiosk-training-controls}; its result (words for the panel) goes to {@code then}. */
    void act(Supplier<String> action, Consumer<String> then) {
        controls.execute(() -> {
            String said;
            try {
                said = action.get();
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, "training: a trainer's action failed", e);
                said = "没有做成，请再试一次";
            }
            then.accept(said);
        });
    }

    void placeCard(CardFixture card) {
        LOG.info(() -> "training: card placed (" + card.id() + ")");
        idReader.placeCard(card);
    }

    void removeCard() {
        LOG.info("training: card taken away");
        idReader.removeCard();
    }

    void insertSsCard() {
        LOG.info("training: social security card inserted");
        ssSlot.insert(SS_CARD);
    }

    void removeSsCard() {
        LOG.info("training: social security card taken out");
        ssSlot.remove();
    }

    /** The trainer's phone shows 培训学员's 粤省事码 to the scanner. */
    void showCode() {
        LOG.info("training: a 粤省事码 is shown to the scanner");
        scanner.present(CODE);
    }

    /** Whether this kiosk takes cash (enhanced, with a note acceptor). */
    boolean takesCash() {
        return notes != null;
    }

    /** A note of {@code yuan} into the emulated acceptor; false when it does not draw it in (not taking notes now). */
    boolean insertNote(int yuan) {
        if (notes == null) {
            return false;
        }
        LOG.info(() -> "training: a note of " + yuan + " yuan inserted");
        return notes.insert(yuan * 100L);
    }

    /** Told of each receipt the emulated printer cuts, once its picture is written (on the emulator's writer thread). */
    void onPrinted(Consumer<PrintedReceipt> listener) {
        printer.onPrinted(listener);
    }

    @Override
    public String toString() {
        return "training devices";
    }

    /** Stops the emulators and the training county's thread; the kiosk on the rig is closed first. */
    @Override
    public void close() {
        controls.shutdownNow();
        TrainingCounty c = county;
        if (c != null) {
            c.close();
        }
        closeQuietly(idReader);
        closeQuietly(printer);
        closeQuietly(scanner);
        if (notes != null) {
            closeQuietly(notes);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(java.util.logging.Level.WARNING, "training: closing " + c, e);
        }
    }

    private static CardFixture training(String id, String description, String name, Sex sex, LocalDate born, String first17) {
        return new CardFixture(id, description, new IdCard(CardType.RESIDENT, name, "", sex, Nations.code("汉"), "", born,
                "培训专用，不是真实住址", IdNumbers.complete(first17), "培训专用卡", LocalDate.of(2020, 1, 1), LocalDate.of(2040, 1, 1),
                "", "", "", new byte[1024], new byte[0]), null);
    }
}
