package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.sscard.PcscSsCardReader;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * The social security card slot of an end-to-end run, as the villager's hand meets it. Through pcscd: the kiosk's
 * real PC/SC driver on vpcd's second virtual reader (the device-drivers tests use the first), and the Java card
 * inserted over vpcd's protocol; or, where the machine has no pcscd with vpcd, the demo's in-memory slot under the
 * same driver.
 */
final class SsCardSlot implements AutoCloseable {

    /** vpcd's second reader, as pcscd names it, and the port its card side connects to. */
    static final String READER = "Virtual PCD 00 01";
    private static final int PORT = VpcdCard.FIRST_PORT + 1;
    private static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");

    private final DemoRig rig; // null: through pcscd
    private final VpcdCard vpcd;

    private SsCardSlot(DemoRig rig, VpcdCard vpcd) {
        this.rig = rig;
        this.vpcd = vpcd;
    }

    /** pcscd with vpcd, started if it is not running (as ./kiosk test does). */
    static SsCardSlot pcscd() throws IOException {
        try {
            Pcscd.ensureRunning();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting pcscd", e);
        }
        return new SsCardSlot(null, new VpcdCard(PORT));
    }

    /** The demo's in-memory slot. */
    static SsCardSlot demo(DemoRig rig) {
        return new SsCardSlot(rig, null);
    }

    /** Whether the machine has pcscd with vpcd (./kiosk test installs both). */
    static boolean hasVpcd() {
        return Files.exists(VPCD_DRIVER);
    }

    String describe() {
        return rig == null ? "the real PC/SC driver through pcscd on vpcd's reader \"" + READER + "\""
                : "the real PC/SC driver on the demo's in-memory slot (no pcscd with vpcd here)";
    }

    /** The kiosk's reader: the real driver on the named PC/SC reader; empty: the demo's (the rig's own terminal). */
    Optional<Device> reader() {
        return rig == null ? Optional.of(new PcscSsCardReader("sscard-reader", READER)) : Optional.empty();
    }

    void insert(SsCardFixture card) {
        if (rig != null) {
            rig.insertSsCard(card);
            return;
        }
        emptied();
        try {
            vpcd.insert(card);
        } catch (IOException e) {
            throw new JourneyFailed("the card did not go into " + READER + ": " + e.getMessage());
        }
    }

    /**
     * Takes the card out and, through pcscd, waits until pcscd has seen it go: the next visit's reader must not read a
     * card that is already out (a CI run's next journey met 社保卡在读取中被拔出 there).
     */
    void remove() {
        if (rig != null) {
            rig.removeSsCard();
        } else {
            vpcd.remove();
            emptied();
        }
    }

    /** pcscd polls vpcd about every 400 ms: a card put in before it saw the last one go would take its place unseen. */
    private void emptied() {
        try {
            CardTerminal t = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER);
            if (t == null) {
                throw new JourneyFailed("pcscd has no reader " + READER + " (is vsmartcard-vpcd installed?)");
            }
            if (!t.waitForCardAbsent(5000)) {
                throw new JourneyFailed("pcscd still sees a card in " + READER + " after 5 s");
            }
        } catch (java.security.NoSuchAlgorithmException | CardException e) {
            throw new JourneyFailed("PC/SC is not usable here: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (vpcd != null) {
            vpcd.close();
        }
    }
}
