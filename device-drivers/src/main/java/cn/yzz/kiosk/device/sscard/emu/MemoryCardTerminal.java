package cn.yzz.kiosk.device.sscard.emu;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A card reader in memory, for the demo and for tests that need no pcscd: the real driver
 * ({@link cn.yzz.kiosk.device.sscard.PcscSsCardReader}) talks to a {@link VirtualSsCard} through the
 * same {@code javax.smartcardio} calls it makes on a kiosk. Errors carry the PC/SC code in their cause,
 * as the JDK's do, so the driver tells a card pulled out from a reader that is gone. Thread-safe: the
 * driver's device and presence threads use it while the demo's simulator inserts and removes cards.
 */
public final class MemoryCardTerminal extends CardTerminal {

    private final String name;
    private VirtualSsCard card; // guarded by this
    private long insertion;     // guarded by this: which insertion a connected card belongs to

    public MemoryCardTerminal(String name) {
        this.name = name;
    }

    /** Puts {@code fixture} into the slot, in place of any card there. */
    public synchronized void insert(SsCardFixture fixture) {
        card = new VirtualSsCard(fixture);
        insertion++;
        notifyAll();
    }

    /** Takes the card out. Idempotent. */
    public synchronized void remove() {
        card = null;
        insertion++;
        notifyAll();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public synchronized Card connect(String protocol) throws CardException {
        if (card == null) {
            throw pcsc("connect() failed", "SCARD_E_NO_SMARTCARD");
        }
        card.reset();
        return new InSlot(card, insertion);
    }

    @Override
    public synchronized boolean isCardPresent() {
        return card != null;
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return await(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return await(false, timeout);
    }

    /** As pcsc-lite: a timeout of 0 waits for ever. */
    private synchronized boolean await(boolean present, long timeout) throws CardException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        try {
            while ((card != null) != present) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (timeout != 0 && left <= 0) {
                    return false;
                }
                wait(timeout == 0 ? 0 : left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pcsc("SCardGetStatusChange interrupted", "SCARD_E_CANCELLED");
        }
    }

    private synchronized byte[] transmit(VirtualSsCard c, long at, byte[] apdu) throws CardException {
        if (card != c || insertion != at) {
            throw pcsc("sun.security.smartcardio.PCSCException: SCARD_W_REMOVED_CARD", "SCARD_W_REMOVED_CARD");
        }
        return c.process(apdu);
    }

    private static CardException pcsc(String what, String code) {
        return new CardException(what, new Exception(code));
    }

    @Override
    public String toString() {
        return "MemoryCardTerminal[" + name + "]";
    }

    /** The card as the driver holds it between connect and disconnect. */
    private final class InSlot extends Card {
        private final VirtualSsCard card;
        private final long insertion;
        private final CardChannel basic = new Channel();

        InSlot(VirtualSsCard card, long insertion) {
            this.card = card;
            this.insertion = insertion;
        }

        @Override
        public ATR getATR() {
            return new ATR(VirtualSsCard.ATR);
        }

        @Override
        public String getProtocol() {
            return "T=0";
        }

        @Override
        public CardChannel getBasicChannel() {
            return basic;
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            throw new CardException("logical channels are not supported");
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            throw new CardException("control commands are not supported");
        }

        @Override
        public void disconnect(boolean reset) {
        }

        private final class Channel extends CardChannel {
            @Override
            public Card getCard() {
                return InSlot.this;
            }

            @Override
            public int getChannelNumber() {
                return 0;
            }

            @Override
            public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                return new ResponseAPDU(MemoryCardTerminal.this.transmit(card, insertion, command.getBytes()));
            }

            @Override
            public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
                byte[] c = new byte[command.remaining()];
                command.get(c);
                byte[] r = MemoryCardTerminal.this.transmit(card, insertion, c);
                response.put(r);
                return r.length;
            }

            @Override
            public void close() throws CardException {
                throw new IllegalStateException("the basic channel cannot be closed");
            }
        }
    }
}
