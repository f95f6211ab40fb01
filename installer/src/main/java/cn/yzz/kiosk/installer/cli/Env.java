package cn.yzz.kiosk.installer.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;

/**
 * What commands take from the world besides their options, so that tests can run the whole
 * command line in-process with their own clock and input.
 *
 * @param clock today's date for card checks (expired, not yet valid)
 * @param in    interactive input (the emulator's control commands)
 */
public record Env(Clock clock, InputStream in) {

    public Env {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(in, "in");
    }

    public static Env system() {
        return new Env(Clock.systemDefaultZone(), System.in);
    }
}
