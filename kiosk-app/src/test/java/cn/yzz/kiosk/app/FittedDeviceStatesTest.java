package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.DeviceStates;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** device-states.json, which kioskctl's diagnostics bundle reads: what the kiosk saw, up to its close. */
class FittedDeviceStatesTest {

    @TempDir
    Path data;

    @Test
    void theStatesAtCloseAreOnDiskWhenCloseReturnsAndNothingIsWrittenAfter() throws Exception {
        FittedDevices fitted = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop.json"),
                DeviceLinks.PROFILE);
        fitted.keepStatesIn(data, Clock.systemUTC());
        fitted.openAll(); // the profile's ports are not on this machine: every device goes OFFLINE
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!allIn(DeviceState.OFFLINE)) {
            assertThat(System.nanoTime()).as("device-states.json shows the devices OFFLINE").isLessThan(deadline);
            Thread.sleep(10);
        }

        fitted.close();

        // No waiting here: a write still under way after close would race the folder's owner (the next kiosk, the
        // restart, this test's clean-up) and could leave the file saying OFFLINE for a kiosk that has let go.
        assertThat(DeviceStates.read(data)).extracting(DeviceStates.Entry::state).containsOnly(DeviceState.CLOSED);
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly(DeviceStates.FILE);
        }
    }

    private boolean allIn(DeviceState state) {
        try {
            var entries = DeviceStates.read(data);
            return !entries.isEmpty() && entries.stream().allMatch(e -> e.state() == state);
        } catch (java.io.IOException | RuntimeException notYet) {
            return false;
        }
    }
}
