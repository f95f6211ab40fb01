package cn.yzz.kiosk.device.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The DLE EOT decoder: the documented bytes mean what §4.5 says, and no byte makes it do anything but decode or refuse. */
class RealTimeStatusFuzzTest {

    @Test
    void theDocumentedRepliesDecodeToWhatTheyMean() {
        PrinterStatus healthy = RealTimeStatus.decode(0x12, 0x12, 0x12, 0x12);
        assertThat(healthy).isEqualTo(new PrinterStatus(true, false, false, false, false, false));
        assertThat(healthy.ready()).isTrue();
        assertThat(healthy.detail()).isEqualTo("打印机正常");

        PrinterStatus nearEnd = RealTimeStatus.decode(0x12, 0x12, 0x12, 0x1E);
        assertThat(nearEnd.paperNearEnd()).isTrue();
        assertThat(nearEnd.ready()).isTrue();

        PrinterStatus paperOut = RealTimeStatus.decode(0x1A, 0x32, 0x12, 0x72);
        assertThat(paperOut.paperEnd()).isTrue();
        assertThat(paperOut.online()).isFalse();
        assertThat(paperOut.ready()).isFalse();
        assertThat(paperOut.detail()).isEqualTo("打印机缺纸：请打开机盖装入新的热敏纸卷");

        PrinterStatus cover = RealTimeStatus.decode(0x1A, 0x16, 0x12, 0x12);
        assertThat(cover.coverOpen()).isTrue();
        assertThat(cover.detail()).startsWith("打印机机盖没有合上");

        PrinterStatus cutter = RealTimeStatus.decode(0x1A, 0x52, 0x1A, 0x12);
        assertThat(cutter.cutterError()).isTrue();
        assertThat(cutter.otherError()).as("the error bit of n=2 is the cutter's").isFalse();

        PrinterStatus hot = RealTimeStatus.decode(0x1A, 0x52, 0x52, 0x12);
        assertThat(hot.otherError()).isTrue();
        assertThat(RealTimeStatus.decode(0x1A, 0x12, 0x12, 0x12).detail()).startsWith("打印机处于离线状态");
    }

    @Test
    void bitSevenIsAllowedOnlyInTheFirstReply() {
        assertThat(RealTimeStatus.plausible(1, 0x92)).isTrue(); // KP-628E: paper not taken
        assertThatThrownBy(() -> RealTimeStatus.decode(0x12, 0x92, 0x12, 0x12))
                .isInstanceOfSatisfying(RealTimeStatus.StatusReplyException.class, e -> {
                    assertThat(e.request()).isEqualTo(2);
                    assertThat(e.reply()).isEqualTo(0x92);
                });
    }

    @Test
    void requestsAreDleEotN() {
        assertThat(RealTimeStatus.request(4)).containsExactly(0x10, 0x04, 0x04);
        assertThatThrownBy(() -> RealTimeStatus.request(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 2000)
    void anyFourBytesDecodeOrAreRefusedAsNoise(@ForAll @IntRange(min = -128, max = 255) int a, @ForAll @IntRange(min = -128, max = 255) int b,
                                               @ForAll @IntRange(min = -128, max = 255) int c, @ForAll @IntRange(min = -128, max = 255) int d) {
        boolean plausible = RealTimeStatus.plausible(1, a) && RealTimeStatus.plausible(2, b)
                && RealTimeStatus.plausible(3, c) && RealTimeStatus.plausible(4, d);
        try {
            PrinterStatus s = RealTimeStatus.decode(a, b, c, d);
            assertThat(plausible).isTrue();
            assertThat(s.detail()).isNotBlank();
            // Ready exactly when nothing stops printing.
            assertThat(s.ready()).isEqualTo(s.online() && !s.paperEnd() && !s.coverOpen() && !s.cutterError() && !s.otherError());
        } catch (RealTimeStatus.StatusReplyException e) {
            assertThat(plausible).isFalse();
        }
    }

    @Property(tries = 500)
    void whatAPrinterReportsComesBack(@ForAll boolean paperEnd, @ForAll boolean nearEnd, @ForAll boolean cover, @ForAll boolean cutter) {
        // Encoded the way devices.md §4.5 describes a printer answering.
        boolean offline = paperEnd || cover || cutter;
        int n1 = 0x12 | (offline ? 0x08 : 0);
        int n2 = 0x12 | (cover ? 0x04 : 0) | (paperEnd ? 0x20 : 0) | (cutter ? 0x40 : 0);
        int n3 = 0x12 | (cutter ? 0x08 : 0);
        int n4 = 0x12 | (nearEnd ? 0x0C : 0) | (paperEnd ? 0x60 : 0);
        assertThat(RealTimeStatus.decode(n1, n2, n3, n4)).isEqualTo(new PrinterStatus(!offline, paperEnd, nearEnd, cover, cutter, false));
    }
}
