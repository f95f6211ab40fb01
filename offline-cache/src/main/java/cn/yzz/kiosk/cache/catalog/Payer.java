package cn.yzz.kiosk.cache.catalog;

/** Whom a payment may be for ({@code for[]}): the identified villager, members of their household, another person. */
public enum Payer {
    SELF("self"), HOUSEHOLD("household"), OTHER("other");

    private final String wire;

    Payer(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
