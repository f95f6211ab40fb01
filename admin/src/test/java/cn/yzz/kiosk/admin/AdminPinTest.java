package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPinTest {

    @TempDir
    Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T02:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private AdminPin pin() {
        return new AdminPin(dir, clock, new SecureRandom(), 1_000);
    }

    @Test
    void noPinSetOpensNothing() {
        assertThat(pin().isSet()).isFalse();
        assertThat(pin().check("246810".toCharArray())).isEqualTo(new AdminPin.Check.NotSet());
    }

    @Test
    void thePinIsKeptOnlyAsASaltedHashReadableByTheOwnerOnly() throws Exception {
        pin().set("246810".toCharArray());
        Path file = dir.resolve(AdminPin.FILE);
        assertThat(Files.readString(file)).doesNotContain("246810").contains("pbkdf2-sha256$1000$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(pin().check("246810".toCharArray())).isEqualTo(new AdminPin.Check.Ok());
    }

    @Test
    void fiveWrongLockForFiveMinutesAcrossARestartThenTenMinutes() throws Exception {
        pin().set("246810".toCharArray());
        for (int left = 4; left >= 1; left--) {
            assertThat(pin().check("111111".toCharArray())).isEqualTo(new AdminPin.Check.Wrong(left));
        }
        Instant first = now.get().plus(Duration.ofMinutes(5));
        assertThat(pin().check("111111".toCharArray())).isEqualTo(new AdminPin.Check.Locked(first));
        // a new AdminPin is a restarted kiosk: still locked, and the right PIN is not even checked
        assertThat(pin().check("246810".toCharArray())).isEqualTo(new AdminPin.Check.Locked(first));
        now.set(first);
        for (int i = 0; i < 4; i++) {
            pin().check("111111".toCharArray());
        }
        assertThat(pin().check("111111".toCharArray())).isEqualTo(new AdminPin.Check.Locked(first.plus(Duration.ofMinutes(10))));
        now.set(first.plus(Duration.ofMinutes(10)));
        assertThat(pin().check("246810".toCharArray())).isEqualTo(new AdminPin.Check.Ok());
        assertThat(pin().check("111111".toCharArray())).isEqualTo(new AdminPin.Check.Wrong(4));
    }

    @Test
    void easyOrMalformedPinsAreRefusedInPlainWords() {
        assertThatThrownBy(() -> pin().set("123456".toCharArray())).hasMessageContaining("太简单");
        assertThatThrownBy(() -> pin().set("000000".toCharArray())).hasMessageContaining("太简单");
        assertThatThrownBy(() -> pin().set("98765".toCharArray())).hasMessageContaining("6 到 12 位");
        assertThatThrownBy(() -> pin().set("24681a".toCharArray())).hasMessageContaining("只能是数字");
        assertThat(pin().isSet()).isFalse();
    }

    @Test
    void aDamagedPinFileOpensNothingAndSaysSo() throws Exception {
        Files.writeString(dir.resolve(AdminPin.FILE), "pin=not-a-hash\n");
        assertThat(pin().check("246810".toCharArray())).isEqualTo(new AdminPin.Check.Unusable());
    }
}
