package cn.yzz.kiosk.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CjkFontsTest {

    private static final String TEXT = "陈大文 社会保险参保缴费明细 已到账";

    @Test
    void printsUseTheKiosksOwnFontWhenItIsInstalled() throws Exception {
        // ./kiosk test installs fonts-wqy-microhei; the screen asks JavaFX for the same first family.
        assertThat(CjkFonts.forText(TEXT).getFamily()).isEqualTo("WenQuanYi Micro Hei").isEqualTo(CjkFonts.FAMILIES.get(0));
    }

    @Test
    void aToolkitWithoutTheFirstFamiliesGetsTheNextOneItHas() {
        assertThat(CjkFonts.first(f -> f.startsWith("Noto"))).contains("Noto Sans CJK SC");
        assertThat(CjkFonts.first(f -> false)).isEmpty();
    }

    @Test
    void withoutAChineseFontTheErrorSaysWhatToInstall() {
        assertThatThrownBy(() -> CjkFonts.pick(TEXT, List.of("DejaVu Sans", "Dialog", "SansSerif")))
                .isInstanceOf(CjkFonts.MissingFontException.class)
                .hasMessage("没有能显示打印内容的中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）");
    }
}
