package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever a card returns, the record parser gives a value or its own error, never anything else. */
class SsRecordsFuzzTest {

    @Property(tries = 1000)
    void anyBytesGiveAValueOrTheParsersOwnError(@ForAll @Size(max = 300) byte[] bytes, @ForAll SsItem item, @ForAll boolean wellFramed) {
        byte[] record = bytes.clone();
        if (wellFramed && record.length >= 2) {
            // Mostly right header, so the value decoders get random values too.
            record[0] = (byte) item.tag();
            record[1] = (byte) (record.length - 2);
        }
        try {
            byte[] v = SsRecords.value(record, item);
            assertThat(record[0] & 0xFF).isEqualTo(item.tag());
            assertThat(v.length).isEqualTo(record[1] & 0xFF).isEqualTo(record.length - 2);
            decodeAll(v, item);
        } catch (SsCardDataException e) {
            assertThat(e.getMessage()).startsWith(item.label() + "：");
        }
    }

    @Property(tries = 500)
    void everyRecordWrittenReadsBack(@ForAll SsItem item, @ForAll @Size(max = 255) byte[] value) throws Exception {
        assertThat(SsRecords.value(SsRecords.record(item, value), item)).isEqualTo(value);
    }

    @Property(tries = 300)
    void everyNameWrittenReadsBack(@ForAll("names") String name) throws Exception {
        assertThat(SsRecords.gbk(SsRecords.gbkPadded(name, 30), SsItem.NAME)).isEqualTo(name);
    }

    @Property(tries = 300)
    void everyDateWrittenReadsBack(@ForAll("dates") LocalDate date) throws Exception {
        assertThat(SsRecords.bcdDate(SsRecords.bcdDate(date), SsItem.BIRTH_DATE)).isEqualTo(date);
    }

    @Provide
    Arbitrary<String> names() {
        // Common surnames and given-name characters, and the GBK-only ones villagers' names do have.
        return Arbitraries.of('陈', '黄', '欧', '阳', '韦', '盘', '堃', '喆', '镕', '赟', '昇', '玥', '秀', '英', '明')
                .list().ofMinSize(1).ofMaxSize(15).map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2099, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    private static void decodeAll(byte[] v, SsItem item) {
        for (Decoder d : new Decoder[] {SsRecords::ascii, SsRecords::gbk, SsRecords::bcdDate, SsRecords::bcd}) {
            try {
                d.decode(v, item);
            } catch (SsCardDataException e) {
                assertThat(e.getMessage()).startsWith(item.label() + "：");
            }
        }
    }

    @FunctionalInterface
    private interface Decoder {
        Object decode(byte[] v, SsItem item) throws SsCardDataException;
    }
}
