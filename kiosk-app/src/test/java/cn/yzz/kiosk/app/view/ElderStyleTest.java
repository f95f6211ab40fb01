package cn.yzz.kiosk.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Elder mode's stylesheet: kiosk.css with every font size ×1.3 and nothing else changed. */
class ElderStyleTest {

    private static final Pattern PX_FONT_SIZE = Pattern.compile("-fx-font-size:\\s*(\\d+(?:\\.\\d+)?)px");
    /** Any way of setting a font size, whatever the unit: what a scaler could miss. */
    private static final Pattern ANY_FONT_SIZE = Pattern.compile("-fx-font-size\\s*:|-fx-font\\s*:");
    private static final String DATA_URL_PREFIX = "data:text/css;base64,";

    private static String kioskCss() throws IOException {
        try (InputStream in = KioskView.class.getResourceAsStream(KioskView.STYLESHEET)) {
            assertThat(in).as(KioskView.STYLESHEET).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Double> fontSizes(String css) {
        List<Double> sizes = new ArrayList<>();
        Matcher m = PX_FONT_SIZE.matcher(css);
        while (m.find()) {
            sizes.add(Double.parseDouble(m.group(1)));
        }
        return sizes;
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        Matcher m = p.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void scalesEveryFontSizeByOnePointThree() {
        assertThat(ElderStyle.SCALE).isEqualTo(1.3);
        assertThat(ElderStyle.scale(".a { -fx-font-size: 30px; }")).isEqualTo(".a { -fx-font-size: 39.0px; }");
        assertThat(ElderStyle.scale(".b{-fx-font-size:28px}")).isEqualTo(".b{-fx-font-size:36.4px}");
        assertThat(ElderStyle.scale(".c { -fx-font-size: 15.0px; }")).isEqualTo(".c { -fx-font-size: 19.5px; }");
        assertThat(ElderStyle.scale(".d { -fx-font-size:   40px; }")).as("the spacing is kept")
                .isEqualTo(".d { -fx-font-size:   52.0px; }");
    }

    @Test
    void leavesEverythingElseUnchangedIncludingOtherPixelValues() {
        String css = """
                /* -fx-padding: 30px is not a font size */
                .tile {
                    -fx-padding: 30px;
                    -fx-min-width: 96px;
                    -fx-background-radius: 12px;
                    -fx-border-width: 2px;
                    -fx-font-size: 32px;
                    -fx-font-family: "WenQuanYi Micro Hei";
                    -fx-text-fill: #1a1a1a;
                }
                .gap { -fx-spacing: 16px; }
                """;
        String scaled = ElderStyle.scale(css);
        assertThat(scaled).isEqualTo(css.replace("-fx-font-size: 32px;", "-fx-font-size: 41.6px;"));
    }

    @Test
    void aStylesheetWithoutFontSizesIsReturnedAsItIs() {
        String css = ".x { -fx-padding: 12px; }\n";
        assertThat(ElderStyle.scale(css)).isEqualTo(css);
        assertThat(ElderStyle.scale("")).isEmpty();
    }

    @Test
    void everyFontSizeOfTheRealStylesheetGrowsByAtLeastOnePointThreeAndNoneIsMissed() throws IOException {
        String css = kioskCss();
        String scaled = ElderStyle.scale(css);
        List<Double> before = fontSizes(css);
        List<Double> after = fontSizes(scaled);

        assertThat(before).as("font sizes in kiosk.css").isNotEmpty();
        assertThat(count(ANY_FONT_SIZE, css)).as("every font size in kiosk.css is written as -fx-font-size: Npx,"
                + " the one form the elder style scales").isEqualTo(before.size());
        assertThat(after).as("as many font sizes after as before").hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("font size %d: %s px", i, before.get(i))
                    .isGreaterThanOrEqualTo(before.get(i) * ElderStyle.SCALE - 1e-9)
                    .isCloseTo(before.get(i) * ElderStyle.SCALE, Offset.offset(0.05));
        }
        assertThat(scaled.replaceAll(PX_FONT_SIZE.pattern(), "FONT"))
                .as("nothing but the font sizes changed").isEqualTo(css.replaceAll(PX_FONT_SIZE.pattern(), "FONT"));
    }

    @Test
    void theDataUrlDecodesBackToTheScaledStylesheet() throws IOException {
        String url = ElderStyle.stylesheet();
        assertThat(url).startsWith(DATA_URL_PREFIX);
        String decoded = new String(Base64.getDecoder().decode(url.substring(DATA_URL_PREFIX.length())),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(ElderStyle.scale(kioskCss()));
        assertThat(ElderStyle.stylesheet()).as("derived once").isSameAs(url);
    }
}
