package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The kiosk's receipt printer as a service run sees it: the driver prints on its own thread. */
final class PrinterOut implements ReceiptOut {

    private final ReceiptPrinter printer;
    private final Paper paper;
    private volatile String detail = ""; // why it last changed state, in the driver's plain words

    PrinterOut(ReceiptPrinter printer, Paper paper) {
        this.printer = Objects.requireNonNull(printer, "printer");
        this.paper = Objects.requireNonNull(paper, "paper");
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
    public Paper paper() {
        return paper;
    }

    @Override
    public CompletableFuture<?> print(Receipt receipt) {
        return printer.print(receipt);
    }
}
