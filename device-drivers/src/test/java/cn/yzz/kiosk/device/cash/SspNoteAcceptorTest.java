package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against {@link ScriptedSlave} over an in-memory cable: exact commands, flags, events and faults. */
class SspNoteAcceptorTest {

    static final Set<Long> ALL = Set.of(100L, 500L, 1000L, 2000L, 5000L, 10000L);

    MemoryCable cable;
    ScriptedSlave slave;
    SspNoteAcceptor acceptor;
    Recorder handler;

    /** Records every event with the thread it came on; decides escrow as told. */
    static class Recorder implements CashHandler {
        final List<NoteEvent> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<String> escrowThreads = new CopyOnWriteArrayList<>();
        volatile Decision decision = Decision.ACCEPT;
        volatile long decideMillis;
        volatile RuntimeException escrowThrows;
        volatile RuntimeException eventThrows;
        final AtomicInteger escrowCalls = new AtomicInteger();

        @Override
        public Decision escrowed(int channel, long valueFen) {
            escrowCalls.incrementAndGet();
            escrowThreads.add(Thread.currentThread().getName());
            sleep(decideMillis);
            if (escrowThrows != null) {
                throw escrowThrows;
            }
            return decision;
        }

        @Override
        public void event(NoteEvent event) {
            threads.add(Thread.currentThread().getName());
            RuntimeException t = eventThrows;
            if (t != null && event.money()) {
                throw t;
            }
            events.add(event);
        }

        List<NoteEvent.Kind> kinds() {
            return events.stream().map(NoteEvent::kind).toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        cable = new MemoryCable("ssp");
        slave = new ScriptedSlave(cable);
        handler = new Recorder();
    }

    @AfterEach
    void tearDown() {
        if (acceptor != null) {
            acceptor.close();
        }
        slave.close();
    }

    private SspNoteAcceptor open(SspNoteAcceptor.Options options) throws DeviceException {
        acceptor = new SspNoteAcceptor("cash", cable::openHost, 9600, options, new SplittableRandom(1));
        acceptor.setHandler(handler);
        acceptor.open();
        return acceptor;
    }

    /** Plain SSP (encryption off), so that the exact commands of plain SSP can be asserted. */
    private static SspNoteAcceptor.Options fast() {
        return auto().withEncryption(SspNoteAcceptor.Encryption.OFF, EsspKeys.DEFAULT_FIXED_KEY);
    }

    /** The kiosk's default: a key is negotiated at set-up. */
    private static SspNoteAcceptor.Options auto() {
        return SspNoteAcceptor.Options.defaults().withTimings(Duration.ofMillis(30), Duration.ofMillis(150), 4);
    }

    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(10);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int pollsAfter(int index) {
        List<Integer> c = slave.commands();
        return (int) c.subList(index, c.size()).stream().filter(x -> x == SspCommand.POLL).count();
    }

    @Test
    void setUpSendsSyncFirstWithTheFlagSetThenReadsTheUnitAndStaysDisabled() throws Exception {
        open(fast());
        await("first polls", () -> pollsAfter(0) >= 2);
        List<ScriptedSlave.Heard> h = slave.heard();
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(h.get(0).wire())).isEqualTo("7F 80 01 11 65 82");
        // SYNC (from connect), SYNC (set-up), then every command with the flag alternating from 0; REJECT hands
        // back a note an earlier session may have left in escrow (F5 here: none).
        assertThat(slave.commands().subList(0, 9)).containsExactly(SspCommand.SYNC, SspCommand.SYNC,
                SspCommand.HOST_PROTOCOL_VERSION, SspCommand.SETUP_REQUEST, SspCommand.GET_SERIAL_NUMBER,
                SspCommand.SET_CHANNEL_INHIBITS, SspCommand.REJECT, SspCommand.DISABLE, SspCommand.POLL);
        assertThat(h.get(2).flag()).isFalse();
        assertThat(h.get(3).flag()).isTrue();
        assertThat(h.get(4).flag()).isFalse();
        assertThat(h.get(2).data()).containsExactly(0x06, 0x08);
        assertThat(h.get(5).data()).containsExactly(0x02, 0x00, 0x00);
        UnitInfo u = acceptor.unit().orElseThrow();
        assertThat(u.serial()).isEqualTo(1873452);
        assertThat(u.protocolVersion()).isEqualTo(8);
        assertThat(u.country()).isEqualTo("CNY");
        assertThat(u.channelsFen()).containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L);
        assertThat(u.encrypted()).isFalse();
        assertThat(acceptor.state()).isEqualTo(DeviceState.IDLE);
        Health health = acceptor.checkHealth();
        assertThat(health.status()).isEqualTo(Health.Status.OK);
        assertThat(health.detail()).contains("不收钞票");
        assertThat(slave.enabled()).isFalse();
    }

    @Test
    void protocolVersionFallsBackOnFail() throws Exception {
        slave.maxProtocol = 6;
        open(fast());
        assertThat(acceptor.unit().orElseThrow().protocolVersion()).isEqualTo(6);
        List<Integer> versions = slave.heard().stream().filter(x -> x.command() == SspCommand.HOST_PROTOCOL_VERSION)
                .map(x -> x.data()[1] & 0xFF).toList();
        assertThat(versions).containsExactly(8, 7, 6);
    }

    @Test
    void enableSetsTheChannelMaskThenEnables() throws Exception {
        open(fast());
        acceptor.enable(Set.of(1000L, 10000L));
        assertThat(slave.inhibits()).isEqualTo(0b100100);
        assertThat(slave.enabled()).isTrue();
        List<Integer> c = slave.commands();
        int i = c.lastIndexOf(SspCommand.SET_CHANNEL_INHIBITS);
        assertThat(c.get(i + 1)).isEqualTo(SspCommand.ENABLE);
        assertThat(acceptor.checkHealth().detail()).contains("正在收钞");
        acceptor.disable();
        assertThat(slave.enabled()).isFalse();
        assertThatThrownBy(() -> acceptor.enable(Set.of(300L))).isInstanceOf(DeviceException.class).hasMessageContaining("不收这些面额");
    }

    @Test
    void aLostReplyIsAskedForAgainWithTheSameBytesAndTheSlaveRepeatsIt() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        int before = slave.heard().size();
        slave.dropReplies.set(2);
        slave.queue("E3"); // cash box removed, in the reply that is lost twice
        await("cash box removed", () -> handler.kinds().contains(NoteEvent.Kind.CASHBOX_REMOVED));
        await("the command after the resends", () -> {
            List<ScriptedSlave.Heard> h = slave.heard();
            int r = firstRepeat(h, before);
            return r > 0 && h.size() > r + 2;
        });
        List<ScriptedSlave.Heard> h = slave.heard();
        int r = firstRepeat(h, before);
        // The executed POLL, then the two resends: identical bytes, same flag, not executed again.
        ScriptedSlave.Heard original = h.get(r - 1);
        assertThat(original.executed()).isTrue();
        assertThat(original.command()).isEqualTo(SspCommand.POLL);
        assertThat(h.get(r).wire()).isEqualTo(original.wire());
        assertThat(h.get(r + 1).executed()).isFalse();
        assertThat(h.get(r + 1).wire()).isEqualTo(original.wire());
        assertThat(h.get(r + 2).executed()).isTrue();
        assertThat(h.get(r + 2).flag()).isNotEqualTo(original.flag());
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.CASHBOX_REMOVED)).hasSize(1);
        assertThat(acceptor.statistics().get("RetransmissionCount")).isGreaterThanOrEqualTo(2);
        assertThat(acceptor.checkHealth().code()).isEqualTo("cashbox-removed");
        slave.queue("E4");
        await("cash box replaced", () -> handler.kinds().contains(NoteEvent.Kind.CASHBOX_REPLACED));
        await("health", () -> acceptor.checkHealth().ok());
    }

    private static int firstRepeat(List<ScriptedSlave.Heard> h, int from) {
        for (int i = Math.max(1, from); i < h.size(); i++) {
            if (!h.get(i).executed()) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aNoteIsHeldWithoutAPollWhileTheHandlerIsSlowThenAcceptedAndCredited() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        handler.decideMillis = 2600;
        slave.insert(4);
        await("escrow asked", () -> handler.escrowCalls.get() == 1);
        int at = slave.heard().size();
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        List<ScriptedSlave.Heard> during = new ArrayList<>();
        List<ScriptedSlave.Heard> after = slave.heard().subList(at, slave.heard().size());
        for (ScriptedSlave.Heard x : after) {
            if (x.command() == SspCommand.POLL) {
                break;
            }
            during.add(x);
        }
        assertThat(during).isNotEmpty().allMatch(x -> x.command() == SspCommand.HOLD);
        assertThat(during.size()).as("a HOLD at least every second for 2.6 s").isGreaterThanOrEqualTo(2);
        assertThat(handler.kinds()).containsSubsequence(NoteEvent.Kind.READING, NoteEvent.Kind.ESCROWED,
                NoteEvent.Kind.STACKING, NoteEvent.Kind.CREDIT, NoteEvent.Kind.STACKED);
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.STACKING)).as("reported once while it lasts").hasSize(1);
        NoteEvent credit = handler.events.stream().filter(e -> e.kind() == NoteEvent.Kind.CREDIT).findFirst().orElseThrow();
        assertThat(credit.channel()).isEqualTo(4);
        assertThat(credit.valueFen()).isEqualTo(2000);
        assertThat(handler.escrowThreads).containsOnly("kiosk-cash-escrow");
        assertThat(handler.threads).containsOnly("kiosk-cash");
        assertThat(acceptor.statistics()).containsEntry("NotesCreditedCount", 1L).containsEntry("EscrowCount", 1L);
    }

    @Test
    void disableFromInsideTheEscrowDecisionRunsAtOnceAndTheNoteIsStillTaken() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        List<String> inline = new CopyOnWriteArrayList<>();
        acceptor.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                try {
                    acceptor.disable(); // enough is in: take this note, then no more
                    inline.add(Thread.currentThread().getName() + ":" + slave.enabled());
                } catch (DeviceException e) {
                    throw new IllegalStateException(e);
                }
                return Decision.ACCEPT;
            }

            @Override
            public void event(NoteEvent event) {
                handler.event(event);
            }
        });
        slave.insert(6);
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        assertThat(inline).containsExactly("kiosk-cash-escrow:false");
        assertThat(handler.events.stream().filter(e -> e.kind() == NoteEvent.Kind.CREDIT).findFirst().orElseThrow().valueFen())
                .isEqualTo(10000);
        assertThat(acceptor.checkHealth().code()).isEqualTo("disabled");
    }

    @Test
    void returnOrAThrowingHandlerRejectsTheNoteAndTheRejectCodeIsAsked() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        handler.decision = CashHandler.Decision.RETURN;
        slave.insert(6);
        await("rejected", () -> handler.kinds().contains(NoteEvent.Kind.REJECTED));
        NoteEvent rejected = handler.events.stream().filter(e -> e.kind() == NoteEvent.Kind.REJECTED).findFirst().orElseThrow();
        assertThat(rejected.rejectCode()).isEqualTo(8);
        assertThat(rejected.channel()).isEqualTo(6);
        assertThat(rejected.valueFen()).isEqualTo(10000);
        assertThat(slave.commands()).contains(SspCommand.REJECT, SspCommand.LAST_REJECT_CODE);
        assertThat(handler.kinds()).containsSubsequence(NoteEvent.Kind.ESCROWED, NoteEvent.Kind.REJECTING, NoteEvent.Kind.REJECTED);
        assertThat(handler.kinds()).doesNotContain(NoteEvent.Kind.CREDIT);

        handler.events.clear();
        handler.decision = CashHandler.Decision.ACCEPT;
        handler.escrowThrows = new IllegalStateException("journal full");
        slave.insert(2);
        await("rejected again", () -> handler.kinds().contains(NoteEvent.Kind.REJECTED));
        assertThat(handler.kinds()).doesNotContain(NoteEvent.Kind.CREDIT);
        assertThat(slave.commands().stream().filter(c -> c == SspCommand.REJECT)).as("one at set-up, one per note").hasSize(3);
        assertThat(acceptor.statistics()).containsEntry("NotesReturnedCount", 2L).containsEntry("NotesRejectedCount", 2L);
    }

    @Test
    void everyEventIsDecodedAndDeliveredInOrder() throws Exception {
        open(fast());
        await("disabled reported", () -> handler.kinds().contains(NoteEvent.Kind.DISABLED));
        handler.events.clear();
        slave.queue("E100 E202 E3 E4 E601 E7 EA E9 E0 B5 B6 EE05 EB ED EC CC EF00");
        await("all", () -> handler.events.size() >= 17);
        assertThat(handler.kinds()).containsExactly(NoteEvent.Kind.CLEARED_FROM_FRONT, NoteEvent.Kind.CLEARED_TO_CASHBOX,
                NoteEvent.Kind.CASHBOX_REMOVED, NoteEvent.Kind.CASHBOX_REPLACED, NoteEvent.Kind.FRAUD_ATTEMPT,
                NoteEvent.Kind.STACKER_FULL, NoteEvent.Kind.SAFE_JAM, NoteEvent.Kind.UNSAFE_JAM, NoteEvent.Kind.NOTE_PATH_OPEN,
                NoteEvent.Kind.CHANNEL_DISABLE, NoteEvent.Kind.INITIALISING, NoteEvent.Kind.CREDIT, NoteEvent.Kind.STACKED,
                NoteEvent.Kind.REJECTING, NoteEvent.Kind.REJECTED, NoteEvent.Kind.STACKING, NoteEvent.Kind.READING);
        assertThat(handler.events.get(1).valueFen()).isEqualTo(500);
        assertThat(handler.events.get(4).channel()).isEqualTo(1);
        assertThat(handler.events.get(11).valueFen()).isEqualTo(5000);
        assertThat(handler.events.get(0).money()).isTrue();
        // The jam was in that reply only: health says jam while it lasts, then clears.
        slave.queue("EA");
        await("jam health", () -> "jam".equals(acceptor.checkHealth().code()));
        await("jam over", () -> !"jam".equals(acceptor.checkHealth().code()));
    }

    @Test
    void anUnknownEventCodeKeepsTheEventsBeforeIt() throws Exception {
        open(fast());
        await("polling", () -> pollsAfter(0) >= 1);
        handler.events.clear();
        slave.queue("EE03 42 EB");
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.CREDIT));
        assertThat(acceptor.statistics().get("UnreadableEventCount")).isEqualTo(1);
    }

    @Test
    void aSlaveResetSetsTheUnitUpAgainBeforeTheEventIsDelivered() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        int syncs = (int) slave.commands().stream().filter(c -> c == SspCommand.SYNC).count();
        List<Integer> commandsAtReset = new ArrayList<>();
        CashHandler inner = handler;
        acceptor.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                return inner.escrowed(channel, valueFen);
            }

            @Override
            public void event(NoteEvent event) {
                if (event.kind() == NoteEvent.Kind.SLAVE_RESET) {
                    commandsAtReset.addAll(slave.commands());
                    try {
                        acceptor.enable(Set.of(10000L)); // inline, on the device thread
                    } catch (DeviceException e) {
                        throw new IllegalStateException(e);
                    }
                }
                inner.event(event);
            }
        });
        slave.powerCycle();
        await("reset delivered", () -> handler.kinds().contains(NoteEvent.Kind.SLAVE_RESET));
        assertThat(commandsAtReset.stream().filter(c -> c == SspCommand.SYNC).count()).isEqualTo(syncs + 1);
        assertThat(commandsAtReset.subList(commandsAtReset.lastIndexOf(SspCommand.SYNC), commandsAtReset.size()))
                .startsWith(SspCommand.SYNC, SspCommand.HOST_PROTOCOL_VERSION, SspCommand.SETUP_REQUEST);
        assertThat(slave.enabled()).isTrue();
        assertThat(slave.inhibits()).isEqualTo(1 << 5);
        assertThat(acceptor.statistics()).containsEntry("SlaveResetCount", 1L);
    }

    @Test
    void aUnitAskingForAKeyGetsOneAndEverythingAfterIsEncrypted() throws Exception {
        slave.essp = true;
        open(auto());
        assertThat(acceptor.unit().orElseThrow().encrypted()).isTrue();
        List<Integer> c = slave.commands();
        assertThat(c).containsSubsequence(SspCommand.SET_GENERATOR, SspCommand.SET_MODULUS, SspCommand.REQUEST_KEY_EXCHANGE,
                SspCommand.HOST_PROTOCOL_VERSION, SspCommand.SETUP_REQUEST);
        List<ScriptedSlave.Heard> h = slave.heard();
        int kx = c.indexOf(SspCommand.REQUEST_KEY_EXCHANGE);
        assertThat(h.subList(kx + 1, h.size())).allMatch(x -> x.wrapped() || x.command() == SspCommand.SYNC);
        acceptor.enable(ALL);
        slave.insert(3);
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        assertThat(handler.events.stream().filter(e -> e.kind() == NoteEvent.Kind.CREDIT).findFirst().orElseThrow().valueFen())
                .isEqualTo(1000);
        assertThat(acceptor.checkHealth().detail()).contains("加密");

        // Power cut: the unit forgets its key and answers KEY NOT SET; the driver negotiates a new one.
        slave.powerCycle();
        await("reset", () -> handler.kinds().contains(NoteEvent.Kind.SLAVE_RESET));
        assertThat(acceptor.statistics().get("KeyExchangeCount")).as("a new key after the reset").isGreaterThanOrEqualTo(2);
        assertThat(slave.encrypted()).isTrue();
    }

    @Test
    void autoKeysAPlainUnitTooAndFallsBackToPlainPollWhenItDoesNotKnowPollWithAck() throws Exception {
        open(auto());
        assertThat(acceptor.unit().orElseThrow().encrypted()).as("essp.md §7: the key exchange is taken in clear").isTrue();
        List<Integer> c = slave.commands();
        assertThat(c.subList(0, 5)).containsExactly(SspCommand.SYNC, SspCommand.SYNC, SspCommand.SET_GENERATOR,
                SspCommand.SET_MODULUS, SspCommand.REQUEST_KEY_EXCHANGE);
        await("plain polls after the F2", () -> pollsAfter(0) >= 2);
        // The scripted slave, like older firmware, answers POLL WITH ACK with F2: asked once, then plain POLL.
        assertThat(slave.commands().stream().filter(x -> x == SspCommand.POLL_WITH_ACK)).hasSize(1);
        assertThat(slave.commands()).doesNotContain(SspCommand.EVENT_ACK);
        assertThat(acceptor.statistics()).containsEntry("PollWithAckUnsupportedCount", 1L).containsEntry("EventAckMode", 0L);
        assertThat(acceptor.checkHealth().detail()).contains("不支持事件确认");
        acceptor.enable(ALL);
        slave.insert(3);
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.CREDIT)).hasSize(1);
    }

    @Test
    void autoStaysPlainWithAUnitThatRefusesTheKeyExchange() throws Exception {
        slave.refuseKeys = true;
        open(auto());
        assertThat(acceptor.state()).isEqualTo(DeviceState.IDLE);
        assertThat(acceptor.unit().orElseThrow().encrypted()).isFalse();
        assertThat(acceptor.statistics()).containsEntry("KeyExchangeRefusedCount", 1L);
        await("plain polls", () -> pollsAfter(0) >= 2);
        assertThat(slave.commands()).doesNotContain(SspCommand.POLL_WITH_ACK);
        assertThat(acceptor.checkHealth().detail()).doesNotContain("加密");
    }

    @Test
    void requiredWithAUnitThatRefusesTheKeyExchangeIsNotUsed() throws Exception {
        slave.refuseKeys = true;
        open(auto().withEncryption(SspNoteAcceptor.Encryption.REQUIRED, EsspKeys.DEFAULT_FIXED_KEY));
        assertThat(acceptor.state()).isEqualTo(DeviceState.FAILED);
        assertThat(acceptor.checkHealth().detail()).contains("密钥协商");
    }

    @Test
    void encryptionOffReportsTheKeyProblemInPlainWords() throws Exception {
        slave.essp = true;
        open(fast().withEncryption(SspNoteAcceptor.Encryption.OFF, 0));
        assertThat(acceptor.state()).isEqualTo(DeviceState.FAILED);
        Health h = acceptor.checkHealth();
        assertThat(h.code()).isEqualTo("key-not-set");
        assertThat(h.detail()).contains("加密");
    }

    @Test
    void garbageAndBadCrcOnTheLineAreSurvived() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        slave.garbageBeforeReplies = ScriptedSlave.hex("00 13 7F 55 80 01");
        slave.corruptReplies.set(1);
        slave.insert(1);
        await("credit", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        assertThat(acceptor.statistics().get("CommunicationErrorCount")).isGreaterThan(0);
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.CREDIT)).hasSize(1);
    }

    @Test
    void silenceIsLinkLostThenLinkBack() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        slave.silent = true;
        await("link lost", () -> handler.kinds().contains(NoteEvent.Kind.LINK_LOST));
        assertThat(acceptor.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(acceptor.checkHealth().code()).isEqualTo("not-answering");
        assertThatThrownBy(() -> acceptor.enable(ALL)).isInstanceOf(DeviceException.class);
        int lost = slave.heard().size();
        await("two reconnect attempts", () -> slave.heard().size() >= lost + 2);
        assertThat(slave.heard().subList(lost, slave.heard().size())).as("only SYNC while the unit is silent")
                .isNotEmpty().allMatch(x -> x.command() == SspCommand.SYNC);
        slave.silent = false;
        await("link back", () -> handler.kinds().contains(NoteEvent.Kind.LINK_BACK));
        assertThat(acceptor.state()).isEqualTo(DeviceState.IDLE);
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.LINK_LOST)).hasSize(1);
        assertThat(acceptor.checkHealth().code()).isEqualTo("disabled");
        assertThat(acceptor.statistics().get("LinkLostCount")).isEqualTo(1);
    }

    @Test
    void aPulledCableIsReopened() throws Exception {
        open(fast());
        cable.unplug();
        await("link lost", () -> handler.kinds().contains(NoteEvent.Kind.LINK_LOST));
        slave.close();
        cable.plugIn();
        slave = new ScriptedSlave(cable);
        await("link back", () -> handler.kinds().contains(NoteEvent.Kind.LINK_BACK));
        assertThat(acceptor.unit()).isPresent();
    }

    @Test
    void aCreditTheHandlerCannotTakeDisablesTheUnitAndIsDeliveredAgainEachSecond() throws Exception {
        open(fast());
        acceptor.enable(ALL);
        handler.eventThrows = new IllegalStateException("disk full");
        List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        CashHandler inner = handler;
        acceptor.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                return inner.escrowed(channel, valueFen);
            }

            @Override
            public void event(NoteEvent event) {
                if (event.kind() == NoteEvent.Kind.CREDIT) {
                    attempts.add(System.nanoTime());
                }
                inner.event(event);
            }
        });
        slave.insert(5);
        await("three attempts", () -> attempts.size() >= 3);
        assertThat(slave.enabled()).isFalse();
        assertThat(acceptor.checkHealth().code()).isEqualTo("journal");
        long gap = attempts.get(2) - attempts.get(1);
        assertThat(Duration.ofNanos(gap).toMillis()).isBetween(800L, 1600L);
        int heardWhileStuck = slave.heard().size();
        int tried = attempts.size();
        await("the next delivery of the credit", () -> attempts.size() > tried); // the poll loop ran meanwhile
        assertThat(slave.heard().size()).as("no command while the credit waits").isEqualTo(heardWhileStuck);
        handler.eventThrows = null;
        await("credit taken", () -> handler.kinds().contains(NoteEvent.Kind.CREDIT));
        await("stacked after it", () -> handler.kinds().contains(NoteEvent.Kind.STACKED));
        assertThat(handler.kinds().stream().filter(k -> k == NoteEvent.Kind.CREDIT)).hasSize(1);
        assertThat(handler.kinds().indexOf(NoteEvent.Kind.CREDIT)).isLessThan(handler.kinds().indexOf(NoteEvent.Kind.STACKED));
        await("enabled again", () -> slave.enabled());
    }

    @Test
    void aUnitWithAnotherCurrencyIsNotUsed() throws Exception {
        slave.country = "EUR";
        open(fast());
        assertThat(acceptor.state()).isEqualTo(DeviceState.FAILED);
        assertThat(acceptor.checkHealth().detail()).contains("EUR").contains("人民币");
        assertThat(acceptor.unit()).isEmpty();
    }
}
