package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.service.A4Out;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Printer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * The kiosk's A4 printer as a service run sees it. The driver lays out, sends and follows the job on
 * its own thread; the pages done and the outcome are told there, never on the JavaFX thread (the run
 * hops back itself).
 */
final class A4PrinterOut implements A4Out {

    private final A4Printer printer;
    private volatile String detail = ""; // why it last changed state, in the driver's plain words

    A4PrinterOut(A4Printer printer) {
        this.printer = Objects.requireNonNull(printer, "printer");
        printer.addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged c) {
                detail = c.detail() == null ? "" : c.detail();
            }
        });
    }

    @Override
    public boolean ready() {
        DeviceState s = printer.state();
        return s == DeviceState.IDLE || s == DeviceState.BUSY;
    }

    @Override
    public String why() {
        return ready() ? "" : detail;
    }

    @Override
    public CompletableFuture<Integer> print(A4Document document, IntConsumer pagesDone) {
        Objects.requireNonNull(pagesDone, "pagesDone");
        return printer.print(document, (done, total) -> pagesDone.accept(done)).thenApply(A4Printer.PrintResult::pages);
    }
}
