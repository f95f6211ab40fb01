package cn.yzz.kiosk.device.bench;

/** How every benchmark prints a figure: value, limit, and whether it is within. */
final class Bench {
    private Bench() {}

    static void report(String what, double value, double limit, String unit) {
        System.out.printf("BENCH %-90s %10.3f %-3s (limit %.3f %s) %s%n", what, value, unit, limit, unit, value <= limit ? "PASS" : "OVER");
    }
}
