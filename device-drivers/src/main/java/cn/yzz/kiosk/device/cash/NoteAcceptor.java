package cn.yzz.kiosk.device.cash;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceException;
import java.util.Optional;
import java.util.Set;

/**
 * A banknote acceptor (ITL NV9 USB / NV200 class, SSP or eSSP; essp.md): it reads a note into escrow,
 * stacks it into the cash box and reports every event on the way.
 *
 * <p>The money rules every implementation keeps:
 * <ul>
 *   <li>While the link is up the driver polls on its own thread every 200–1000 ms, enabled or not, so that
 *       power-up clearing, cash box removal and jams are always heard.</li>
 *   <li>A note in escrow leaves it into the stacker only after {@link CashHandler#escrowed} returned
 *       {@link CashHandler.Decision#ACCEPT}. While the handler runs the note is held (HOLD, never a POLL,
 *       at least every 2 s); a handler that throws or says RETURN gets the note handed back (REJECT).</li>
 *   <li>Money is counted only at the unit's CREDIT event ({@link NoteEvent.Kind#CREDIT}); every event
 *       reaches {@link CashHandler#event} before the driver sends its next command.</li>
 * </ul>
 */
public interface NoteAcceptor extends Device {

    /** The unit as it described itself when the link last came up (SETUP REQUEST, serial); empty until then. */
    Optional<UnitInfo> unit();

    /**
     * The one handler that hears this acceptor's note events and decides about notes in escrow; null for
     * none (a note in escrow is then handed back). Handlers run on driver threads.
     */
    void setHandler(CashHandler handler);

    /**
     * Takes notes of exactly these values in fen: channels of other values are inhibited. Blocks until the
     * unit has confirmed (SET CHANNEL INHIBITS, ENABLE). Called from inside a handler it runs at once on the
     * calling driver thread. After the unit resets (SLAVE RESET) it stays disabled until told again.
     *
     * @throws DeviceException when none of the values is on the unit, or the unit does not answer
     */
    void enable(Set<Long> valuesFen) throws DeviceException;

    /** Takes no more notes (DISABLE). A note already in escrow is still decided by the handler. */
    void disable() throws DeviceException;
}
