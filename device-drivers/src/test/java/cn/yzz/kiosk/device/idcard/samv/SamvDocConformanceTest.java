package cn.yzz.kiosk.device.idcard.samv;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.TextBlock;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.serial.ScriptedDevice;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real driver against a minimal scripted SAM_V reader that does only what devices.md §1 promises, in
 * ways our own emulator happens not to: here the read reply arrives in two writes with a pause between
 * them, well inside the 3 s read timeout (§1.12), which §1.13 counts as a partial frame only when the rest
 * does not arrive "within the timeout".
 */
class SamvDocConformanceTest {

    @TempDir Path dir;
    ScriptedDevice device;
    SamvIdCardReader reader;
    final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void aReadReplyThatPausesMidwayWithinTheTimeoutIsReadWhole() throws Exception {
        IdCard card = CardFixtures.RESIDENT.card();
        byte[] text = TextBlock.encode(card);
        byte[] photo = card.photo();
        byte[] payload = ByteBuffer.allocate(4 + text.length + photo.length)
                .putShort((short) text.length).putShort((short) photo.length).put(text).put(photo).array();
        byte[] readReply = SamFrames.response(0x90, payload);
        device = ScriptedDevice.start(dir, "samv-doc", 115200, serve(readReply, 400));
        reader = new SamvIdCardReader("id-doc", device.host(), 115200,
                new SamvIdCardReader.Options(false, false));
        reader.open();

        long start = System.nanoTime();
        IdCard got = reader.read(Duration.ofSeconds(5)).get(20, TimeUnit.SECONDS);

        assertThat(got.idNumber().equals(card.idNumber())).as("the number read is the card's (not quoted: no full ID number in output)").isTrue();
        assertThat(reads.get()).as("30 01 sent once: the paused reply was not taken as cut short").isEqualTo(1);
        assertThat(reader.statistics()).doesNotContainKey("TruncatedFrameCount");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }

    /** Answers 11 FF, 20 01 (a card once), 20 02 and 30 01; the read reply goes out in two writes {@code pauseMillis} apart. */
    private ScriptedDevice.Script serve(byte[] readReply, long pauseMillis) {
        SamFrameDecoder in = new SamFrameDecoder(SamFrameDecoder.Direction.COMMANDS);
        boolean[] cardFound = {false};
        return (buf, n, device) -> {
            in.feed(buf, 0, n);
            for (Optional<SamFrame> f = in.next(); f.isPresent(); f = in.next()) {
                int code = f.get().cmd() << 8 | f.get().para();
                switch (code) {
                    case 0x11FF -> device.write(SamFrames.response(0x90));
                    case 0x2001 -> {
                        device.write(cardFound[0] ? SamFrames.response(0x80) : SamFrames.response(0x9F, new byte[4]));
                        cardFound[0] = true;
                    }
                    case 0x2002 -> device.write(SamFrames.response(0x90, new byte[8]));
                    case 0x3001 -> {
                        reads.incrementAndGet();
                        int half = 200;
                        device.write(readReply, 0, half);
                        Thread.sleep(pauseMillis); // deliberate: the rest of the frame comes later
                        device.write(readReply, half, readReply.length - half);
                    }
                    default -> device.write(SamFrames.response(0x21));
                }
            }
        };
    }
}
