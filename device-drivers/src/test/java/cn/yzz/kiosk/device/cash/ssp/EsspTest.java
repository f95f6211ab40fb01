package cn.yzz.kiosk.device.cash.ssp;

import static cn.yzz.kiosk.device.cash.ssp.SspCodecTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The eSSP layer: key exchange, packing, eCOUNT. */
class EsspTest {

    @Test
    void fabLabKasseNumbersGiveTheSameKeyOnBothSides() {
        // The generator, modulus and host secret FabLabKasse uses on a real NV11.
        EsspKeys.HostExchange host = new EsspKeys.HostExchange(0x5a7ccab, 0x4c564cf, 0x4e9efc7);
        long slaveRandom = 0x1234567;
        long slaveInter = EsspKeys.slaveIntermediate(host.generator(), host.modulus(), slaveRandom);
        assertThat(host.negotiated(slaveInter))
                .isEqualTo(EsspKeys.slaveNegotiated(host.hostIntermediate(), host.modulus(), slaveRandom))
                .isLessThan(host.modulus());
    }

    @Property(tries = 50)
    void negotiationAgreesForAnySecrets(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EsspKeys.HostExchange host = EsspKeys.newExchange(r);
        assertThat(host.generator()).isGreaterThan(host.modulus());
        assertThat(host.generator()).isLessThan(1L << 31);
        assertThat(java.math.BigInteger.valueOf(host.modulus()).isProbablePrime(40)).isTrue();
        long slaveRandom = 1 + r.nextLong(1L << 30);
        long slaveInter = EsspKeys.slaveIntermediate(host.generator(), host.modulus(), slaveRandom);
        assertThat(host.negotiated(slaveInter)).isEqualTo(EsspKeys.slaveNegotiated(host.hostIntermediate(), host.modulus(), slaveRandom));
    }

    @Test
    void aesKeyIsFixedThenNegotiatedLittleEndian() {
        assertThat(hex(EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, 0x1122334455667788L)))
                .isEqualTo("67 45 23 01 67 45 23 01 88 77 66 55 44 33 22 11");
        assertThat(EsspKeys.parseFixedKey("0123456701234567")).isEqualTo(EsspKeys.DEFAULT_FIXED_KEY);
        assertThatThrownBy(() -> EsspKeys.parseFixedKey("0123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyExchangeCommandsCarryEightBytesLittleEndian() {
        assertThat(hex(SspCommand.withLong(SspCommand.SET_GENERATOR, 0x5a7ccabL))).isEqualTo("4A AB CC A7 05 00 00 00 00");
        assertThat(SspReplies.le64(SspCommand.withLong(SspCommand.REQUEST_KEY_EXCHANGE, -2L), 1)).isEqualTo(-2L);
    }

    @Test
    void aPollPacksIntoOneBlockAsInTheManual() throws SspException {
        // essp.md example 9: an encrypted POLL is STEX + 16 bytes (LEN 0x11).
        EsspCipher c = new EsspCipher(EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, 42));
        byte[] w = c.wrap(SspCommand.of(SspCommand.POLL), 7, new SplittableRandom(1));
        assertThat(w).hasSize(17);
        assertThat(w[0]).isEqualTo((byte) 0x7E);
        assertThat(SspFrame.of(true, 0, w).encode()[2]).isEqualTo((byte) 0x11);
        EsspCipher.Unwrapped u = c.unwrap(w);
        assertThat(u.count()).isEqualTo(7);
        assertThat(u.data()).containsExactly(0x07);
        // 10 data bytes + 7 = 17 → two blocks.
        assertThat(c.wrap(new byte[10], 0, new SplittableRandom(1))).hasSize(33);
        assertThat(c.wrap(new byte[9], 0, new SplittableRandom(1))).hasSize(17);
    }

    @Property(tries = 200)
    void wrapUnwrapRoundTrips(@ForAll @Size(min = 1, max = EsspCipher.MAX_DATA) byte[] data, @ForAll long count, @ForAll long seed)
            throws SspException {
        byte[] key = EsspKeys.aesKey(seed, ~seed);
        EsspCipher c = new EsspCipher(key);
        long cnt = count & 0xFFFFFFFFL;
        byte[] w = c.wrap(data, cnt, new SplittableRandom(seed));
        assertThat((w.length - 1) % 16).isZero();
        assertThat(w.length).isLessThanOrEqualTo(SspFrame.MAX_DATA);
        EsspCipher.Unwrapped u = c.unwrap(w);
        assertThat(u.count()).isEqualTo(cnt);
        assertThat(u.data()).isEqualTo(data);
    }

    @Property(tries = 200)
    void aDamagedOrForeignPacketIsRefused(@ForAll @Size(min = 1, max = 60) byte[] data, @ForAll @IntRange(min = 1, max = 200) int at,
                                          @ForAll long seed) {
        EsspCipher c = new EsspCipher(EsspKeys.aesKey(1, 2));
        byte[] w = c.wrap(data, 0, new SplittableRandom(seed));
        byte[] damaged = w.clone();
        int i = 1 + Math.floorMod(at, w.length - 1);
        damaged[i] ^= 0x01;
        assertThatThrownBy(() -> c.unwrap(damaged)).isInstanceOfSatisfying(SspException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.BAD_ENCRYPTION));
        EsspCipher other = new EsspCipher(EsspKeys.aesKey(1, 3));
        // A foreign key passes the 16-bit eCRC by chance 1 time in 65536 at most; accept only the codec's error.
        try {
            other.unwrap(w);
        } catch (SspException e) {
            assertThat(e.problem()).isEqualTo(Problem.BAD_ENCRYPTION);
        }
        assertThatThrownBy(() -> c.unwrap(Arrays.copyOf(w, w.length - 1))).isInstanceOf(SspException.class);
        assertThatThrownBy(() -> c.unwrap(new byte[] {0x07})).isInstanceOf(SspException.class);
    }

    @Test
    void sessionsOnBothEndsKeepTheCountInStep() throws SspException {
        byte[] key = EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, 0xABCDEFL);
        EsspSession host = new EsspSession(key);
        EsspSession slave = new EsspSession(key);
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 5; k++) {
            byte[] cmd = host.wrapCommand(SspCommand.of(SspCommand.POLL), r);
            assertThat(slave.unwrapCommand(cmd)).containsExactly(SspCommand.POLL);
            byte[] reply = slave.wrapReply(new byte[] {(byte) 0xF0, (byte) 0xE8}, r);
            assertThat(host.unwrapReply(reply)).containsExactly(0xF0, 0xE8);
            // A lost reply: the host resends the same bytes; the slave, seeing the same sequence flag, repeats its
            // reply without unwrapping again, and the host still takes it.
            assertThat(host.unwrapReply(reply)).containsExactly(0xF0, 0xE8);
        }
        assertThat(host.count()).isEqualTo(5).isEqualTo(slave.count());
    }

    @Test
    void aReplayedCommandOrAStaleReplyIsRefusedByCount() throws SspException {
        byte[] key = EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, 99);
        EsspSession host = new EsspSession(key);
        EsspSession slave = new EsspSession(key);
        SplittableRandom r = new SplittableRandom(4);
        byte[] first = host.wrapCommand(SspCommand.of(SspCommand.ENABLE), r);
        slave.unwrapCommand(first);
        byte[] staleReply = slave.wrapReply(new byte[] {(byte) 0xF0}, r);
        host.unwrapReply(staleReply);
        assertThatThrownBy(() -> slave.unwrapCommand(first)).isInstanceOfSatisfying(SspException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.BAD_COUNT));
        host.wrapCommand(SspCommand.of(SspCommand.POLL), r);
        assertThatThrownBy(() -> host.unwrapReply(staleReply)).isInstanceOfSatisfying(SspException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.BAD_COUNT)).hasMessageContaining("expected 2");
    }
}
