package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.qr.ScanFrameException;
import cn.yzz.kiosk.device.qr.SsiDecoder;
import cn.yzz.kiosk.device.qr.SsiPacket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Zebra/Symbol SSI scanners (devices.md §3.2): {@code REQUEST_REVISION}, answered by {@code REPLY_REVISION},
 * which the host acknowledges as it must every packet. A NAK from the decoder is SSI too (the questions
 * of other protocols before it may have left half a packet in its buffer): the request is asked once more.
 */
final class SsiProbe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.QR_SCANNER;
    }

    @Override
    public String driver() {
        return "ssi";
    }

    @Override
    public int usualBaud() {
        return 9600;
    }

    @Override
    public Conversation start() {
        return new Conversation() {
            private boolean nakSeen;

            @Override
            public byte[] question() {
                return SsiPacket.fromHost(SsiPacket.REQUEST_REVISION).encode();
            }

            @Override
            public Verdict hear(byte[] answer) {
                SsiDecoder decoder = new SsiDecoder(SsiPacket.FROM_DECODER);
                decoder.feed(answer, 0, answer.length);
                boolean nak = false;
                for (int i = 0; i <= answer.length; i++) {
                    Optional<SsiPacket> p;
                    try {
                        p = decoder.next();
                    } catch (ScanFrameException e) {
                        continue; // noise: look further along
                    }
                    if (p.isEmpty()) {
                        break;
                    }
                    if (p.get().opcode() == SsiPacket.REPLY_REVISION) {
                        String revision = new String(p.get().data(), StandardCharsets.US_ASCII).strip();
                        return new Verdict.Found("SSI 扫码器" + (revision.isEmpty() ? "" : "，版本 " + revision),
                                SsiPacket.fromHost(SsiPacket.ACK).encode());
                    }
                    nak |= p.get().opcode() == SsiPacket.NAK;
                }
                if (nak && !nakSeen) {
                    nakSeen = true;
                    return new Verdict.Ask(question());
                }
                return nakSeen ? Verdict.found("SSI 扫码器（没有给出版本）") : Verdict.NOT_MINE;
            }
        };
    }
}
