package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.serial.SerialSettings;
import cn.yzz.kiosk.installer.steps.FaultSpec;
import cn.yzz.kiosk.installer.steps.IdReaderEmulation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked while parsing, so that a bad value is a usage error (exit 2) with the usage printed. */
final class Converters {

    private Converters() {}

    /** One of the serial speeds (a SAM_V module supports each of them). */
    static final class Baud implements ITypeConverter<Integer>, Iterable<String> {
        @Override
        public Integer convert(String value) {
            try {
                int baud = Integer.parseInt(value.trim());
                if (!SerialSettings.SPEEDS.contains(baud)) {
                    throw new IllegalArgumentException();
                }
                return baud;
            } catch (IllegalArgumentException e) { // NumberFormatException is one too
                throw new TypeConversionException("'" + value + "' 不是读卡器支持的波特率，可用：" + String.join("、", this));
            }
        }

        @Override
        public Iterator<String> iterator() {
            return SerialSettings.SPEEDS.stream().map(String::valueOf).iterator();
        }
    }

    /** Seconds, fractions allowed down to a millisecond, at most an hour. */
    static final class Seconds implements ITypeConverter<Duration> {
        private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(3600);

        @Override
        public Duration convert(String value) {
            BigDecimal s;
            try {
                s = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' 不是秒数");
            }
            long millis = s.compareTo(MAX_SECONDS) > 0 ? -1 : s.movePointRight(3).longValue(); // bounded first: no overflow
            if (millis <= 0) {
                throw new TypeConversionException("'" + value + "' 秒超出范围：应大于 0、不超过 3600");
            }
            return Duration.ofMillis(millis);
        }
    }

    /** A test card by its fixture id. */
    static final class Card implements ITypeConverter<CardFixture>, Iterable<String> {
        @Override
        public CardFixture convert(String value) {
            try {
                return IdReaderEmulation.fixture(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return CardFixtures.all().stream().map(CardFixture::id).iterator();
        }
    }

    /** {@code FAULT[:TIMES][@COMMAND]}, see {@link FaultSpec#parse}. */
    static final class Faults implements ITypeConverter<FaultSpec>, Iterable<String> {
        @Override
        public FaultSpec convert(String value) {
            try {
                return FaultSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return FaultSpec.faultNames().iterator();
        }
    }
}
