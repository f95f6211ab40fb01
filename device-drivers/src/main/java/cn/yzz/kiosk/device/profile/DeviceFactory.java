package cn.yzz.kiosk.device.profile;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.a4.CupsA4Printer;
import cn.yzz.kiosk.device.cash.SspNoteAcceptor;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.qr.Suffix;
import cn.yzz.kiosk.device.receipt.EscPosReceiptPrinter;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.sscard.PcscSsCardReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.smartcardio.CardTerminal;

/**
 * Builds the driver a profile entry names, the one way the kiosk and kioskctl make their drivers.
 * Opens nothing. Every kind has a driver in this version; the result stays optional for older callers.
 */
public final class DeviceFactory {

    private DeviceFactory() {}

    /** The driver on the entry's own port, printer or reader. */
    public static Optional<Device> create(DeviceSpec spec) {
        return create(spec, null, 0);
    }

    /**
     * The driver an entry names, as {@code type}: for callers that use one kind's own calls (kioskctl's
     * device commands).
     */
    public static <T extends Device> T create(DeviceSpec spec, Class<T> type) {
        Device d = create(spec).orElseThrow(() -> new IllegalStateException("no driver for " + spec));
        if (!type.isInstance(d)) {
            d.close();
            throw new IllegalArgumentException(spec + " is driven by " + d.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(d);
    }

    /**
     * An entry as the configuration would list it, for a device named on the command line rather than in a
     * file: the driver's defaults with {@code options} over them.
     *
     * @param target the serial port, or the CUPS printer or PC/SC reader name (null: the default one)
     * @throws IllegalArgumentException for a driver or an option the kind does not have
     */
    public static DeviceSpec spec(DeviceKind kind, String driver, String target, Map<String, ?> options) {
        DeviceKind.Driver d = kind.drivers().get(driver);
        if (d == null) {
            throw new IllegalArgumentException(kind.id() + " has no driver " + driver + "; it has " + kind.drivers().keySet());
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (DeviceKind.Option o : d.options()) {
            all.put(o.name(), o.defaultValue());
        }
        options.forEach((name, value) -> {
            if (d.option(name).isEmpty()) {
                throw new IllegalArgumentException("the " + driver + " driver has no option " + name);
            }
            all.put(name, value);
        });
        return new DeviceSpec("--" + d.nameKey(), kind, driver, Optional.ofNullable(target), all);
    }

    /**
     * @param cable for serial devices, a link to use instead of the entry's port (the demo's in-memory
     *              cables), with {@code baud}; null for the port itself at the configured speed
     */
    public static Optional<Device> create(DeviceSpec spec, LinkOpener cable, int baud) {
        LinkOpener link = cable != null ? cable : spec.target().map(LinkOpener::serialPort).orElse(null);
        int speed = cable != null ? baud : spec.options().containsKey("baud") ? spec.intOption("baud") : 0;
        String name = spec.kind().id();
        return Optional.ofNullable(switch (spec.kind()) {
            case IDCARD_READER -> new SamvIdCardReader(name, link, speed, SamvIdCardReader.Options.defaults());
            case QR_SCANNER -> new SerialQrScanner(name, link, speed, scannerOptions(spec));
            case RECEIPT_PRINTER -> new EscPosReceiptPrinter(name, link, speed);
            case A4_PRINTER -> new CupsA4Printer(name, spec.target().orElse(null), a4Options(spec));
            case SSCARD_READER -> new PcscSsCardReader(name, spec.target().orElse(null));
            case CASH_ACCEPTOR -> new SspNoteAcceptor(name, cable != null ? cable
                    : spec.target().map(port -> LinkOpener.serialPort(port, 2)).orElse(null), speed, acceptorOptions(spec));
        });
    }

    /**
     * The social security card reader an entry names, on {@code terminal} rather than a PC/SC reader
     * (the demo's in-memory card terminal); the same driver either way.
     */
    public static Device sscardReader(DeviceSpec spec, CardTerminal terminal) {
        if (spec.kind() != DeviceKind.SSCARD_READER) {
            throw new IllegalArgumentException(spec + " is not a social security card reader");
        }
        return PcscSsCardReader.on(spec.kind().id(), terminal);
    }

    static CupsA4Printer.Options a4Options(DeviceSpec spec) {
        CupsA4Printer.Options o = CupsA4Printer.Options.defaults();
        return new CupsA4Printer.Options(o.cups(), Duration.ofSeconds(spec.intOption("job-timeout")), o.stoppedGrace(),
                o.watchInterval());
    }

    static SspNoteAcceptor.Options acceptorOptions(DeviceSpec spec) {
        SspNoteAcceptor.Options o = SspNoteAcceptor.Options.defaults();
        return new SspNoteAcceptor.Options(spec.intOption("address"),
                SspNoteAcceptor.Encryption.valueOf(spec.textOption("encryption").toUpperCase(Locale.ROOT)),
                EsspKeys.parseFixedKey(spec.textOption("fixed-key")), o.pollInterval(), o.replyTimeout(), o.tries());
    }

    static SerialQrScanner.Options scannerOptions(DeviceSpec spec) {
        ScannerFamily family = ScannerFamily.valueOf(spec.driver().toUpperCase(Locale.ROOT));
        SerialQrScanner.Mode mode = spec.textOption("reading").equals("trigger")
                ? SerialQrScanner.Mode.HOST_TRIGGER : SerialQrScanner.Mode.PRESENTATION;
        SerialQrScanner.Options o = SerialQrScanner.Options.of(family, mode);
        if (spec.options().containsKey("suffix")) { // SSI frames its own packets and has no suffix
            o = new SerialQrScanner.Options(family, mode, Suffix.valueOf(spec.textOption("suffix").toUpperCase(Locale.ROOT)),
                    o.gap(), o.maxLength());
        }
        return o;
    }
}
