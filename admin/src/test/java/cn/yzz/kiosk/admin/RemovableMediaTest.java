package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RemovableMedia} over a mountinfo written here, whose mount points are real folders. */
class RemovableMediaTest {

    @TempDir
    Path root;

    @Test
    void findsWritableSticksUnderTheMediaFoldersOnly() throws Exception {
        Path media = Files.createDirectories(root.resolve("media"));
        Path runMedia = Files.createDirectories(root.resolve("run/media"));
        Path stick = Files.createDirectories(media.resolve("yzz/KINGSTON 8G"));
        Path second = Files.createDirectories(runMedia.resolve("admin/U盘"));
        Path readOnly = Files.createDirectories(media.resolve("yzz/CDROM"));
        Path elsewhere = Files.createDirectories(root.resolve("mnt/data"));
        Path mountinfo = root.resolve("mountinfo");
        Files.writeString(mountinfo, String.join("\n",
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "23 22 0:5 / /proc rw,nosuid - proc proc rw",
                "40 22 8:17 / " + stick.toString().replace(" ", "\\040") + " rw,nosuid,nodev,relatime shared:30 - vfat /dev/sdb1 rw,uid=1000",
                "41 22 8:33 / " + second + " rw,nosuid - exfat /dev/sdc1 rw",
                "42 22 8:49 / " + readOnly + " ro,nosuid - vfat /dev/sdd1 ro",
                "43 22 8:65 / " + elsewhere + " rw - ext4 /dev/sde1 rw",
                "44 22 0:40 / " + media + " rw - tmpfs tmpfs rw",
                "garbage line",
                ""));

        List<RemovableMedia.Medium> found = new RemovableMedia(mountinfo, List.of(media, runMedia)).find();

        assertThat(found).extracting(RemovableMedia.Medium::mountPoint).containsExactlyInAnyOrder(stick, second);
        assertThat(found).allSatisfy(m -> assertThat(m.freeBytes()).isPositive());
        assertThat(found).filteredOn(m -> m.mountPoint().equals(stick)).singleElement()
                .satisfies(m -> assertThat(m.device()).isEqualTo("/dev/sdb1"))
                .satisfies(m -> assertThat(m.fsType()).isEqualTo("vfat"));
    }

    @Test
    void noneInsertedIsAnEmptyListAndPlainWords() throws Exception {
        Path mountinfo = root.resolve("mountinfo");
        Files.writeString(mountinfo, "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
        assertThat(new RemovableMedia(mountinfo, List.of(root.resolve("media"))).find()).isEmpty();
        assertThat(RemovableMedia.NONE_INSERTED).startsWith("没有找到U盘").contains("请把U盘插到");
        // This machine's own table parses too (a CI box has no stick: usually empty, never an error).
        assertThat(RemovableMedia.system().find()).allSatisfy(m -> assertThat(m.mountPoint().toString()).contains("media"));
    }

    @Test
    void mountinfoEscapesAreUndone() {
        assertThat(RemovableMedia.unescape("/media/yzz/KINGSTON\\0408G")).isEqualTo("/media/yzz/KINGSTON 8G");
        assertThat(RemovableMedia.unescape("/media/a\\134b\\011c")).isEqualTo("/media/a\\b\tc");
        assertThat(RemovableMedia.unescape("/media/tail\\04")).isEqualTo("/media/tail\\04");
    }
}
