package cn.yzz.kiosk.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stylesheet's numbers against the accessibility rules: text colour against its background,
 * font sizes, touch target sizes. (KioskUiTest checks the same on the laid-out screens.)
 */
class KioskCssTest {

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static String css;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = KioskView.class.getResourceAsStream(KioskView.STYLESHEET)) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
    }

    private record Rule(String selector, String body) {
        String value(String property) {
            Matcher m = Pattern.compile("(?:^|;|\\s)" + Pattern.quote(property) + "\\s*:\\s*([^;]+);").matcher(body);
            return m.find() ? m.group(1).trim() : null;
        }
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        Matcher m = RULE.matcher(css);
        while (m.find()) {
            rules.add(new Rule(m.group(1).trim(), m.group(2)));
        }
        return rules;
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double[] c = {(rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0, (rgb & 0xFF) / 255.0};
        for (int i = 0; i < 3; i++) {
            c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** A rule left open swallows every rule after it without a word from JavaFX: each one must close before the next. */
    @Test
    void everyRuleIsClosedBeforeTheNextBegins() {
        int depth = 0;
        int line = 1;
        for (char c : css.toCharArray()) {
            if (c == '\n') {
                line++;
            } else if (c == '{') {
                depth++;
                assertThat(depth).as("a rule opens inside another at line %d (comments removed)", line).isEqualTo(1);
            } else if (c == '}') {
                depth--;
                assertThat(depth).as("a rule closes that was never opened at line %d", line).isZero();
            }
        }
        assertThat(depth).as("the last rule is left open").isZero();
        for (Rule r : rules()) {
            assertThat(r.selector()).as("a selector holding a declaration: a rule above it lost its closing brace")
                    .doesNotContain(";");
        }
    }

    @Test
    void contrastHelperMatchesKnownValues() {
        assertThat(contrast("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(contrast("#777777", "#ffffff")).isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyTextColourHasAtLeast4point5To1AgainstItsBackground() {
        int pairs = 0;
        for (Rule r : rules()) {
            String fg = r.value("-fx-text-fill");
            String bg = r.value("-fx-background-color");
            if (fg == null || bg == null || !fg.matches("#[0-9a-fA-F]{6}") || !bg.matches("#[0-9a-fA-F]{6}")) {
                continue;
            }
            pairs++;
            assertThat(contrast(fg, bg)).as(r.selector() + " " + fg + " on " + bg).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(pairs).as("colour pairs checked").isGreaterThan(30);
    }

    @Test
    void noTextSmallerThan28px() {
        Matcher m = Pattern.compile("-fx-font-size\\s*:\\s*(\\d+)px").matcher(css);
        int sizes = 0;
        while (m.find()) {
            sizes++;
            assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(28);
        }
        assertThat(sizes).isGreaterThan(10);
    }

    private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile("\\.(big-)?heading\\b|\\.[a-z-]*-title\\b");

    @Test
    void headingsAreAtLeast40px() {
        for (Rule r : rules()) {
            // Heading classes: heading, big-heading and the *-title ones (not the header's subtitle, which is not a heading).
            if (HEADING.matcher(r.selector()).find()) {
                String size = r.value("-fx-font-size");
                if (size != null) {
                    assertThat(Integer.parseInt(size.replace("px", ""))).as(r.selector()).isGreaterThanOrEqualTo(40);
                }
            }
        }
    }

    @Test
    void buttonsDeclareTouchTargetsOfAtLeast96px() {
        for (Rule r : rules()) {
            for (String p : List.of("-fx-min-height", "-fx-min-width")) {
                String v = r.value(p);
                if (v != null && r.selector().contains("button")) {
                    assertThat(Integer.parseInt(v.replace("px", ""))).as(r.selector() + " " + p).isGreaterThanOrEqualTo(96);
                }
            }
        }
    }

    @Test
    void fontFamiliesAreNamedWithFallbacks() {
        Rule root = rules().stream().filter(r -> r.selector().equals(".root")).findFirst().orElseThrow();
        // The same families, in the same order, as receipts and A4 pages (CjkFonts), then the generic fallback.
        assertThat(root.value("-fx-font-family")).startsWith("\"WenQuanYi Micro Hei\", ")
                .isEqualTo(String.join(", ", Fonts.FAMILIES.stream().map(f -> "\"" + f + "\"").toList()) + ", sans-serif");
    }
}
