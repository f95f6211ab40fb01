package cn.yzz.kiosk.demo.e2e;

/** A journey did not go as a villager's should: the message says what was seen or not seen, in one line. */
final class JourneyFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JourneyFailed(String why) {
        super(why);
    }
}
