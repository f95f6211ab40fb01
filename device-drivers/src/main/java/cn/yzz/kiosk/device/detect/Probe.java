package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.profile.DeviceKind;
import java.util.List;

/**
 * One protocol's harmless question and how its answer is recognised. Pure: bytes in, a verdict out; no
 * I/O and no clock ({@link PortProbe} does the talking). Every question only asks: none prints, moves a
 * note, changes a mode or a setting, or is kept by the device after power-off.
 */
public interface Probe {

    /**
     * The probes in the order they are asked. The printer's {@code DLE EOT} comes first: every other
     * question would land in a printer's line buffer as text, a status request does not. SSI next: it has no
     * start byte, so other questions before it can leave half a packet in an SSI decoder (the others hunt for
     * their own start bytes and skip what is not theirs). The SSP acceptor comes last because it needs the port
     * reopened with two stop bits.
     */
    List<Probe> ALL = List.of(new EscPosProbe(), new SsiProbe(), new SamvProbe(), new Gm65Probe(), new NewlandProbe(),
            new SspProbe());

    DeviceKind kind();

    /** The driver's id in the configuration, e.g. {@code samv}, {@code newland}. */
    String driver();

    /** The speed devices of this kind come set to: asked first. */
    int usualBaud();

    default int stopBits() {
        return 1;
    }

    Conversation start();

    /** One exchange with one device at one speed; a fresh one for each. */
    interface Conversation {
        byte[] question();

        /** @param answer every byte heard after the last question until the line went quiet; empty for silence */
        Verdict hear(byte[] answer);
    }

    sealed interface Verdict {
        /** Not (or not provably) a device of this protocol. */
        record NotMine() implements Verdict {}

        /** Recognised so far; ask this next (a follow-up question, e.g. the security module's id). */
        record Ask(byte[] next) implements Verdict {}

        /**
         * A device of this protocol.
         *
         * @param detail   what it said about itself, in plain words
         * @param farewell bytes the protocol wants sent after the answer (SSI acknowledges every packet), or empty
         */
        record Found(String detail, byte[] farewell) implements Verdict {
            public Found {
                farewell = farewell.clone();
            }

            @Override
            public byte[] farewell() {
                return farewell.clone();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Found f && f.detail.equals(detail) && java.util.Arrays.equals(f.farewell, farewell);
            }

            @Override
            public int hashCode() {
                return detail.hashCode() * 31 + java.util.Arrays.hashCode(farewell);
            }

            @Override
            public String toString() {
                return "Found[" + detail + (farewell.length == 0 ? "" : ", then " + java.util.HexFormat.of().formatHex(farewell)) + "]";
            }
        }

        Verdict NOT_MINE = new NotMine();

        static Verdict found(String detail) {
            return new Found(detail, new byte[0]);
        }
    }
}
