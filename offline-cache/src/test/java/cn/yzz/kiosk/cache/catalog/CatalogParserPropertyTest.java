package cn.yzz.kiosk.cache.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives from the county, the parser answers with a catalogue or a CatalogException, nothing else. */
class CatalogParserPropertyTest {

    private static final byte[] BUNDLED = readBundled();

    @Property(tries = 300)
    void randomBytesGiveACatalogOrACatalogException(@ForAll byte[] bytes) {
        assertThat(outcome(bytes)).isIn("catalog", "unusable");
    }

    @Property(tries = 500)
    void mutatedCataloguesGiveACatalogOrACatalogException(@ForAll("mutations") byte[] bytes) {
        assertThat(outcome(bytes)).isIn("catalog", "unusable");
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        String base = "{\"version\": \"v\", \"departments\": [{\"code\": \"SWJ\", \"name\": \"税务局\"}, "
                + "{\"code\": \"RSJ\", \"name\": \"人社局\"}], \"services\": [" + CatalogParserTest.parseable() + "]}";
        Arbitrary<String> tokens = Arbitraries.of("null", "-1", "1e999", "99999999999999999999999", "\"\"", "[]", "{}", "true",
                "\"payment\"", "\"for\"", "\"grade\"", "\"household\"", "\"idcard-field\"", "0.5", "\"x\"", "[\"a\"]");
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, base.length() - 1),
                Arbitraries.integers().between(0, 12), tokens, Arbitraries.integers().between(0, 2)).as((at, len, token, how) -> {
                    int end = Math.min(base.length(), at + len);
                    return switch (how) {
                        case 0 -> base.substring(0, at) + token + base.substring(end); // replace a stretch
                        case 1 -> base.substring(0, at) + base.substring(end);          // cut a stretch
                        default -> base.substring(0, at) + token + base.substring(at);  // insert
                    };
                });
        Arbitrary<String> valueSwaps = Arbitraries.of(CatalogParserTest.parseable().split("\"")).flatMap(word ->
                tokens.map(t -> base.replace("\"" + word + "\"", t)));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, BUNDLED.length).map(n -> java.util.Arrays.copyOf(BUNDLED, n));
        return Arbitraries.oneOf(mutated.map(CatalogParserPropertyTest::utf8), valueSwaps.map(CatalogParserPropertyTest::utf8), truncated);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String outcome(byte[] bytes) {
        try {
            Catalog c = CatalogParser.parse(bytes, "fuzz");
            assertThat(c.services().size() + c.leftOut().size()).isGreaterThanOrEqualTo(0);
            return "catalog";
        } catch (CatalogException e) {
            assertThat(e.getMessage()).startsWith("fuzz: ");
            return "unusable";
        }
    }

    private static byte[] readBundled() {
        try (var in = CatalogParser.class.getResourceAsStream(CatalogParser.BUNDLED)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
