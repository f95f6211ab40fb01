package cn.yzz.kiosk.device.cash;

/**
 * Hears a {@link NoteAcceptor}'s events and decides about each note in escrow. The cash-in journal lives
 * behind this: the handler makes each fact durable before it returns, which is what lets the driver act.
 */
public interface CashHandler {

    enum Decision { ACCEPT, RETURN }

    /**
     * A note of {@code valueFen} (its channel {@code channel}) is in escrow. The driver holds it while this
     * runs (on a driver thread other than the poll loop's) and accepts it only on ACCEPT; a throw counts as
     * RETURN. Before returning ACCEPT the handler must have committed "in escrow" to its journal.
     */
    Decision escrowed(int channel, long valueFen);

    /**
     * Every event, in the order the unit reported it, on the device thread, before the driver sends its next
     * command. When this throws on a {@link NoteEvent#money() money event} (a CREDIT the journal could not
     * write) the driver disables the unit and delivers the same event again, once a second, until it returns.
     *
     * <p>On a unit polled WITH ACK (eSSP) the driver acknowledges CREDIT, FRAUD ATTEMPT, CLEARED TO CASHBOX and
     * CLEARED FROM FRONT only after this returned; the unit tells them again until then, even to a new driver after
     * the kiosk process died. So a CREDIT (or E1/E2) may arrive that this handler, or the process before it,
     * already made durable: with no note held in escrow by the journal it is such a repeat, and counts nothing.
     */
    void event(NoteEvent event);
}
