package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.Sex;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The session against a card written from devices.md §2 alone, not our {@code VirtualSsCard}: a
 * T=1 card (no {@code 61xx}, SELECT answers {@code 90 00} at once), both addressings, {@code 6C xx}
 * for a wrong Le, and, as a 3rd-generation card may (§2.4, §2.6; which items is open, §9), items
 * other than 民族/出生地 answered {@code 69 82}.
 */
class ScriptedSsCardTest {

    static final String ID = IdNumbers.complete("44528119750609022"); // sequence digit 2: female

    private final List<String> sent = new ArrayList<>();

    @Test
    void aThirdGenerationCardThatWithholdsSexAndBirthDateIsReadWithThemFromTheIdNumber() throws Exception {
        SsCard c = new SsCardSession(card(ID, Set.of(0x0A, 0x0D))).read();

        assertThat(sent).as("no GET RESPONSE on a T=1 card").noneMatch(a -> a.startsWith("00C0"));
        assertThat(c.idNumber()).isEqualTo(ID);
        assertThat(c.name()).isEqualTo("冯淑贞");
        assertThat(c.sex()).isEqualTo(Sex.FEMALE);
        assertThat(c.birthDate()).isEqualTo(LocalDate.of(1975, 6, 9));
        assertThat(c.nation()).isEqualTo("汉");
        assertThat(c.withheld()).containsExactly("性别", "出生日期");
        assertThat(c.generation()).isEqualTo(3);
    }

    @Test
    void aWithheldBirthDateWithAnIdNumberThatSaysNothingIsAClearErrorWithoutTheNumber() {
        String bad = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0'); // wrong check character
        assertThatThrownBy(() -> new SsCardSession(card(bad, Set.of(0x0D))).read())
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR))
                .hasMessageContaining("出生日期需认证才能读取")
                .hasMessageNotContaining(bad.substring(6, 14));
    }

    /** The card: records as §2.3 lays them out; {@code locked} tags answer {@code 69 82}. */
    private ApduChannel card(String id, Set<Integer> locked) {
        Charset gbk = Charset.forName("GBK");
        Map<Integer, byte[]> ef05 = new LinkedHashMap<>();
        ef05.put(0x01, HexFormat.of().parseHex("445200D15600000503A1B2C3D4E5F607"));
        ef05.put(0x02, new byte[] {'3'});
        ef05.put(0x03, "3.00".getBytes(StandardCharsets.US_ASCII));
        ef05.put(0x04, "445200000000".getBytes(StandardCharsets.US_ASCII));
        ef05.put(0x05, HexFormat.of().parseHex("20240301"));
        ef05.put(0x06, HexFormat.of().parseHex("20340301"));
        ef05.put(0x07, "E45678901".getBytes(StandardCharsets.US_ASCII));
        Map<Integer, byte[]> ef06 = new LinkedHashMap<>(); // in record-number order: 号码, 姓名, 姓名扩展, 性别, …
        ef06.put(0x08, id.getBytes(StandardCharsets.US_ASCII));
        ef06.put(0x09, Arrays.copyOf("冯淑贞".getBytes(gbk), 30));
        ef06.put(0x4E, new byte[20]);
        ef06.put(0x0A, new byte[] {'2'});
        ef06.put(0x0B, new byte[] {0x01});
        ef06.put(0x0C, HexFormat.of().parseHex("445281"));
        ef06.put(0x0D, HexFormat.of().parseHex("19750609"));
        Map<Integer, Map<Integer, byte[]>> bySfi = Map.of(5, ef05, 6, ef06);
        Map<Integer, Map<Integer, byte[]>> byFid = Map.of(0xEF05, ef05, 0xEF06, ef06);
        byte[] ssse = Apdus.SSSE_NAME;
        AtomicReference<Map<Integer, byte[]>> current = new AtomicReference<>();
        return apdu -> {
            sent.add(HexFormat.of().withUpperCase().formatHex(apdu));
            int ins = apdu[1] & 0xFF;
            int p1 = apdu[2] & 0xFF;
            int p2 = apdu[3] & 0xFF;
            if (ins == 0xA4 && p1 == 0x04) {
                return Arrays.equals(Arrays.copyOfRange(apdu, 5, apdu.length), ssse) ? sw(0x90, 0x00) : sw(0x6A, 0x82);
            }
            if (ins == 0xA4 && p1 == 0x02) {
                current.set(byFid.get(((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF)));
                return current.get() == null ? sw(0x6A, 0x82) : sw(0x90, 0x00);
            }
            if (ins != 0xB2) {
                return sw(0x6D, 0x00);
            }
            Map<Integer, byte[]> file;
            int tag;
            if ((p2 & 0x07) == 0x04) {
                file = bySfi.get(p2 >> 3);
                if (file == null) {
                    return sw(0x6A, 0x82);
                }
                current.set(file);
                List<Integer> tags = new ArrayList<>(file.keySet());
                if (p1 < 1 || p1 > tags.size()) {
                    return sw(0x6A, 0x83);
                }
                tag = tags.get(p1 - 1);
            } else if (p2 == 0x00 && current.get() != null) {
                file = current.get();
                tag = p1;
                if (!file.containsKey(tag)) {
                    return sw(0x6A, 0x83);
                }
            } else {
                return sw(0x6A, 0x86);
            }
            if (locked.contains(tag)) {
                return sw(0x69, 0x82);
            }
            byte[] value = file.get(tag);
            byte[] record = new byte[value.length + 2];
            record[0] = (byte) tag;
            record[1] = (byte) value.length;
            System.arraycopy(value, 0, record, 2, value.length);
            int le = apdu.length == 5 ? (apdu[4] & 0xFF) : 0;
            if (le != record.length) {
                return sw(0x6C, record.length);
            }
            byte[] r = Arrays.copyOf(record, record.length + 2);
            r[record.length] = (byte) 0x90;
            return r;
        };
    }

    private static byte[] sw(int sw1, int sw2) {
        return new byte[] {(byte) sw1, (byte) sw2};
    }
}
