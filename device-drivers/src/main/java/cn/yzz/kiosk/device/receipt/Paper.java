package cn.yzz.kiosk.device.receipt;

/**
 * The paper roll a receipt printer holds, at 203 dpi (8 dots per mm). Columns count 12-dot ANK
 * characters; a Chinese character takes two (devices.md §4.3).
 */
public enum Paper {
    MM80(576, 48),
    MM58(384, 32);

    private final int dots;
    private final int columns;

    Paper(int dots, int columns) {
        this.dots = dots;
        this.columns = columns;
    }

    /** Printable width in dots. */
    public int dots() {
        return dots;
    }

    /** Printable width in single-width (ANK) columns. */
    public int columns() {
        return columns;
    }
}
