package cn.yzz.kiosk.device.idcard;

/** A head-and-shoulders silhouette in place of the real photo, drawn once. */
final class PlaceholderPhoto implements PhotoDecoder {

    static final PlaceholderPhoto INSTANCE = new PlaceholderPhoto();

    private final int[] pixels = draw();

    private PlaceholderPhoto() {}

    @Override
    public Photo decode(byte[] wlt) {
        return new Photo(WIDTH, HEIGHT, pixels.clone());
    }

    private static int[] draw() {
        int[] px = new int[WIDTH * HEIGHT];
        int background = 0xFFE8EEF4;
        int figure = 0xFF9AA8B8;
        double cx = WIDTH / 2.0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double hx = (x - cx) / 22.0;
                double hy = (y - 46) / 27.0;
                boolean head = hx * hx + hy * hy <= 1;
                double sx = (x - cx) / 46.0;
                double sy = (y - 130) / 48.0;
                boolean shoulders = y > 82 && sx * sx + sy * sy <= 1;
                px[y * WIDTH + x] = head || shoulders ? figure : background;
            }
        }
        return px;
    }
}
