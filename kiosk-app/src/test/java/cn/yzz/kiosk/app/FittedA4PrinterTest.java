package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.service.A4Out;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.a4.CupsA4Printer;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which A4 printer the kiosk's service runs get: the profile's CUPS driver, a stand-in the start supplies, or none. */
class FittedA4PrinterTest {

    @Test
    void anEnhancedKioskPrintsThroughItsCupsQueueAndADesktopOneHasNoA4Printer() throws Exception {
        try (FittedDevices enhanced = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("enhanced"), "enhanced.json"), DeviceLinks.PROFILE);
             FittedDevices desktop = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop.json"), DeviceLinks.PROFILE)) {
            assertThat(enhanced.device(DeviceNeed.A4_PRINTER)).containsInstanceOf(CupsA4Printer.class);
            assertThat(enhanced.a4Out()).isInstanceOf(A4PrinterOut.class);
            assertThat(enhanced.a4Out().ready()).as("not opened yet").isFalse();
            assertThat(desktop.a4Out()).isSameAs(A4Out.NONE);
        }
    }

    @Test
    void aStandInTheStartSuppliesIsTheKiosksA4PrinterAndItsPagesReachTheRun() throws Exception {
        StandIn standIn = new StandIn();
        DeviceLinks links = new DeviceLinks() {
            @Override
            public Optional<Link> link(DeviceKind kind) {
                return Optional.empty();
            }

            @Override
            public boolean takenAsPresent(DeviceKind kind) {
                return kind == DeviceKind.A4_PRINTER; // the stand-in comes first
            }

            @Override
            public Optional<Device> standIn(DeviceSpec spec) {
                return spec.kind() == DeviceKind.A4_PRINTER ? Optional.of(standIn) : Optional.empty();
            }
        };
        try (FittedDevices fitted = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("enhanced"), "enhanced.json"), links)) {
            assertThat(fitted.device(DeviceNeed.A4_PRINTER)).containsSame(standIn);
            assertThat(fitted.drivers()).contains(standIn);
            assertThat(fitted.snapshot().devices()).anySatisfy(d -> {
                assertThat(d.kind()).isEqualTo("a4-printer");
                assertThat(d.state()).isEqualTo("absent"); // CLOSED until the kiosk opens it
            });
            standIn.open(); // as openAll() does for every driver; the profile's serial ports are not on this machine
            A4Out out = fitted.a4Out();
            assertThat(out.ready()).isTrue();

            List<Integer> pages = new CopyOnWriteArrayList<>();
            assertThat(out.print(new A4Document("记录", List.of(), List.of(new A4Document.Column("年度", 1, A4Document.Align.LEFT)),
                    List.of(), "", "", ""), pages::add).get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(pages).containsExactly(0, 1, 2);

            standIn.fail("缺纸");
            assertThat(out.ready()).isFalse();
            assertThat(out.why()).isEqualTo("缺纸");
        }
        assertThat(standIn.state()).as("closed with the kiosk's devices").isEqualTo(DeviceState.CLOSED);
    }

    /** Two pages, reported one after the other. */
    static final class StandIn implements A4Printer {
        final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
        volatile DeviceState state = DeviceState.CLOSED;

        void fail(String why) {
            move(DeviceState.FAILED, why);
        }

        void move(DeviceState to, String why) {
            DeviceState from = state;
            state = to;
            listeners.forEach(l -> l.onEvent(new DeviceEvent.StateChanged(name(), from, to, why)));
        }

        @Override
        public CompletableFuture<PrintResult> print(A4Document document, Progress progress) {
            return CompletableFuture.supplyAsync(() -> {
                for (int i = 0; i <= 2; i++) {
                    progress.pages(i, 2);
                }
                return new PrintResult("stand-in", 1, 2, 1);
            });
        }

        @Override
        public String name() {
            return "a4-printer";
        }

        @Override
        public void open() {
            move(DeviceState.IDLE, "就绪");
        }

        @Override
        public DeviceState state() {
            return state;
        }

        @Override
        public Health checkHealth() {
            return new Health(Health.Status.OK, "ok", "就绪", Instant.now());
        }

        @Override
        public void addListener(DeviceListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(DeviceListener listener) {
            listeners.remove(listener);
        }

        @Override
        public Map<String, Long> statistics() {
            return Map.of();
        }

        @Override
        public void close() {
            move(DeviceState.CLOSED, "已关闭");
        }
    }
}
