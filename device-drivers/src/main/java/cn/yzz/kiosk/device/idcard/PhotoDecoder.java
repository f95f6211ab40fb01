package cn.yzz.kiosk.device.idcard;

/**
 * Turns the card's 1024-byte WLT photo into pixels. WLT is a licensed, proprietary format: a real
 * decoder wraps the vendor library; {@link #placeholder()} draws a neutral silhouette so screens
 * have something to show.
 */
public interface PhotoDecoder {

    /** Card photos are 102 × 126 pixels. */
    int WIDTH = 102;
    int HEIGHT = 126;

    /** Pixels of the decoded photo, ARGB, row by row. */
    record Photo(int width, int height, int[] argb) {}

    Photo decode(byte[] wlt);

    /** Always the same grey silhouette; never fails. */
    static PhotoDecoder placeholder() {
        return PlaceholderPhoto.INSTANCE;
    }
}
