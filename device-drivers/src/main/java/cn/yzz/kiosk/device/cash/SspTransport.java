package cn.yzz.kiosk.device.cash;

import cn.yzz.kiosk.device.cash.ssp.EsspCipher;
import cn.yzz.kiosk.device.cash.ssp.EsspSession;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.cash.ssp.SspResponse;
import cn.yzz.kiosk.device.internal.DeviceCore;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The SSP transport layer over one open link (essp.md §2): the sequence flag, the 1 s reply wait, and
 * retransmission of the identical bytes with the same flag, which toggles only after a valid reply. With an
 * eSSP session every command but SYNC and the key exchange is wrapped. Not thread-safe: the driver's
 * link lock guards it.
 */
final class SspTransport {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.cash");

    /** Twenty tries without a valid reply: the slave is taken to have crashed (essp.md §2). */
    static final class NoReply extends Exception {
        NoReply(String message) {
            super(message, null, false, false);
        }
    }

    private final SerialLink link;
    private final DeviceCore core;
    private final int address;
    private final long replyMillis;
    private final RandomGenerator random;
    private final SspFrameDecoder decoder = new SspFrameDecoder();
    private final byte[] buffer = new byte[512];
    private boolean flag = true;
    private EsspSession session;

    SspTransport(SerialLink link, DeviceCore core, int address, long replyMillis, RandomGenerator random) {
        this.link = link;
        this.core = core;
        this.address = address;
        this.replyMillis = replyMillis;
        this.random = random;
    }

    /** The eSSP session in use, null for plain SSP. Negotiation sets a fresh one (its eCOUNT at 0). */
    void session(EsspSession s) {
        this.session = s;
    }

    boolean encrypted() {
        return session != null;
    }

    /**
     * Sends one command and returns its reply, trying at most {@code tries} times.
     *
     * @throws NoReply     after {@code tries} sends without a valid reply
     * @throws IOException when the link itself is gone
     */
    SspResponse.Reply command(byte[] data, int tries) throws NoReply, IOException {
        int cmd = data[0] & 0xFF;
        boolean clear = session == null || cmd == SspCommand.SYNC || cmd == SspCommand.SET_GENERATOR
                || cmd == SspCommand.SET_MODULUS || cmd == SspCommand.REQUEST_KEY_EXCHANGE;
        if (cmd == SspCommand.SYNC) {
            flag = true; // SYNC goes out with the flag set; the next command has it clear (essp.md §2)
        }
        byte[] payload = clear ? data : session.wrapCommand(data, random);
        SspFrame frame = SspFrame.of(flag, address, payload);
        byte[] wire = frame.encode();
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) {
                core.count("RetransmissionCount");
            }
            link.discardInput();
            decoder.reset();
            link.write(wire);
            core.count("CommandCount");
            Optional<SspResponse.Reply> reply = await(frame.seqId(), clear);
            if (reply.isPresent()) {
                flag = !flag;
                return reply.get();
            }
        }
        throw new NoReply(String.format("no valid reply to command %02X after %d tries", cmd, tries));
    }

    /** The reply to the frame with {@code seqId}, or empty after the reply wait. */
    private Optional<SspResponse.Reply> await(int seqId, boolean clear) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(replyMillis);
        while (true) {
            try {
                Optional<SspFrame> f = decoder.next();
                if (f.isPresent()) {
                    Optional<SspResponse.Reply> r = accept(f.get(), seqId, clear);
                    if (r.isPresent()) {
                        return r;
                    }
                    continue;
                }
            } catch (SspException e) {
                core.count("CommunicationErrorCount");
                LOG.log(Level.DEBUG, "{0}: {1}", core.name(), e.getMessage());
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            int n = link.read(buffer, 0, buffer.length, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (n > 0) {
                decoder.feed(buffer, 0, n);
            }
        }
    }

    private Optional<SspResponse.Reply> accept(SspFrame f, int seqId, boolean clear) {
        if (f.seqId() != seqId) {
            core.count("StaleReplyCount"); // a late reply to an earlier command, or another slave's
            return Optional.empty();
        }
        byte[] data = f.data();
        try {
            if (EsspCipher.isWrapped(data)) {
                if (session == null) {
                    throw new SspException(SspException.Problem.BAD_ENCRYPTION, "encrypted reply without a negotiated key");
                }
                data = session.unwrapReply(data);
            } else if (!clear && session != null && (data[0] & 0xFF) != SspResponse.KEY_NOT_SET.code) {
                // Plain replies to wrapped commands are allowed (essp.md §7); only credits must come wrapped.
                core.count("PlainReplyCount");
            }
            return Optional.of(SspResponse.Reply.parse(data));
        } catch (SspException e) {
            core.count("CommunicationErrorCount");
            LOG.log(Level.INFO, "{0}: reply refused: {1}", core.name(), e.getMessage());
            return Optional.empty();
        }
    }
}
