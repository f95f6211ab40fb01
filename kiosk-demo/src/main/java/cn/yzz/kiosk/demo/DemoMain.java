package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.app.KioskMain;
import java.util.List;

/**
 * Entry point of the demo ({@code ./kiosk demo}): the kiosk on emulated devices, with its own county
 * backend and the simulator window beside it. Bad options end here with the usage and exit code 2;
 * everything else is as {@link KioskMain} starts a kiosk.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kiosk: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        KioskMain.start(options.kiosk(), new Demo());
    }
}
