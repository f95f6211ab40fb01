package cn.yzz.kiosk.device.sscard;

import static cn.yzz.kiosk.device.sscard.PcscReaderTest.readFailsOn;
import static cn.yzz.kiosk.device.sscard.PcscReaderTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.sscard.emu.MemoryCardTerminal;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real driver on the in-memory card terminal the demo uses: the same reads, events and errors as over pcscd. */
class MemoryCardTerminalTest {

    private final MemoryCardTerminal terminal = new MemoryCardTerminal("Demo SS Reader");
    private final PcscSsCardReader reader = PcscSsCardReader.on("ss-memory", terminal);
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        reader.addListener(events::add);
        reader.open();
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
        assertThat(reader.readerInUse()).isEqualTo("Demo SS Reader");
    }

    @AfterEach
    void close() {
        reader.close();
    }

    static List<SsCardFixture> readable() {
        return SsCardFixtures.readable();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void everyCardIsReadAsStored(SsCardFixture fixture) throws Exception {
        CompletableFuture<SsCard> read = reader.read(Duration.ofSeconds(5));
        terminal.insert(fixture);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(fixture.expected());
        assertThat(reader.statistics()).containsEntry("GoodReadCount", 1L);
    }

    @Test
    void insertAndRemoveAreEvents() throws Exception {
        terminal.insert(SsCardFixtures.GEN2);
        waitFor(reader::cardPresent);
        terminal.remove();
        waitFor(() -> !reader.cardPresent());
        assertThat(events).filteredOn(e -> e instanceof SsCardEvent)
                .containsExactly(new SsCardEvent.Inserted("ss-memory"), new SsCardEvent.Removed("ss-memory"));
    }

    @Test
    void aBankCardIsNotASocialSecurityCard() throws Exception {
        terminal.insert(SsCardFixtures.NOT_SOCIAL_SECURITY);
        DeviceException e = readFailsOn(reader, Duration.ofSeconds(5));
        assertThat(e).isInstanceOf(NotSsCardException.class);
        assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR);
    }

    @Test
    void noCardIsNoMedia() throws Exception {
        assertThat(readFailsOn(reader, Duration.ofMillis(200)).kind()).isEqualTo(DeviceException.Kind.NO_MEDIA);
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
    }
}
