package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every device in the kiosk's configuration, opened with the driver the kiosk itself uses, given a moment
 * to answer, and asked for its health in plain words: what an installer runs after wiring a kiosk.
 */
public final class DeviceCheck {

    /** How long a device gets after opening to come up (a reconnecting driver tries about once a second). */
    static final Duration SETTLE = Duration.ofSeconds(3);

    /** One device's result; {@code health} is null for a kind with no driver in this version. */
    public record Result(DeviceSpec spec, DeviceState state, Health health) {
        public boolean ok() {
            return health != null && health.ok();
        }
    }

    private DeviceCheck() {}

    public static List<Result> run(DeviceProfile profile) {
        List<Result> out = new ArrayList<>();
        for (DeviceSpec spec : profile.devices()) {
            Device d = DeviceFactory.create(spec).orElse(null);
            if (d == null) {
                out.add(new Result(spec, DeviceState.CLOSED, null));
                continue;
            }
            try (d) {
                try {
                    d.open();
                } catch (DeviceException e) {
                    // checkHealth below says the same in the driver's own words
                }
                settle(d);
                out.add(new Result(spec, d.state(), d.checkHealth()));
            }
        }
        return out;
    }

    private static void settle(Device d) {
        long until = System.nanoTime() + SETTLE.toNanos();
        while (!d.state().usable() && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * 0 when every device with a driver can serve (a warning such as paper near end still passes);
     * else the worst: 6 a device reporting a fault, 4 one not answering.
     */
    public static int exitCode(List<Result> results) {
        int code = ExitCodes.OK;
        for (Result r : results) {
            if (r.health() == null || r.health().status() != Health.Status.FAILED) {
                continue;
            }
            boolean answering = r.state() == DeviceState.FAILED || r.state().usable();
            code = Math.max(code, answering ? ExitCodes.DEVICE_FAULT : ExitCodes.NOT_ANSWERING);
        }
        return code;
    }
}
