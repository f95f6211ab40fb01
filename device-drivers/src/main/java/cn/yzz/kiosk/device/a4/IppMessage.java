package cn.yzz.kiosk.device.a4;

import java.util.List;
import java.util.Optional;

/**
 * One IPP request or response (RFC 8010 §3.1): {@code code} is the operation in a request and the
 * status in a response. Only what the printer driver asks CUPS about is modelled; values are
 * {@link Integer} (integer, enum), {@link Boolean}, or {@link String} (text-like, and hex for
 * anything else), and "no value" is an attribute with an empty list.
 */
record IppMessage(int version, int code, int requestId, List<Group> groups) {

    static final int VERSION_2_0 = 0x0200;

    // Operations (RFC 8011 §5.4.15)
    static final int CANCEL_JOB = 0x0008;
    static final int GET_JOB_ATTRIBUTES = 0x0009;
    static final int GET_JOBS = 0x000A;
    static final int GET_PRINTER_ATTRIBUTES = 0x000B;

    // Group (delimiter) tags
    static final int OPERATION = 0x01;
    static final int JOB = 0x02;
    static final int END = 0x03;
    static final int PRINTER = 0x04;

    // Value tags
    static final int NO_VALUE = 0x13;
    static final int INTEGER = 0x21;
    static final int BOOLEAN = 0x22;
    static final int ENUM = 0x23;
    static final int TEXT_WITH_LANGUAGE = 0x35;
    static final int NAME_WITH_LANGUAGE = 0x36;
    static final int NAME = 0x42;
    static final int KEYWORD = 0x44;
    static final int URI = 0x45;
    static final int CHARSET = 0x47;
    static final int LANGUAGE = 0x48;

    IppMessage {
        groups = List.copyOf(groups);
    }

    /** A response's status is "successful" from 0x0000 to 0x00FF (RFC 8011 §4.1.6). */
    boolean successful() {
        return code >= 0 && code <= 0xFF;
    }

    List<Group> groups(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).toList();
    }

    Optional<Group> group(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).findFirst();
    }

    record Group(int tag, List<Attribute> attributes) {
        Group {
            attributes = List.copyOf(attributes);
        }

        Optional<Attribute> get(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
        }

        Optional<String> string(String name) {
            return get(name).flatMap(a -> a.values().stream().filter(String.class::isInstance).map(String.class::cast).findFirst());
        }

        /** All string values, e.g. every {@code printer-state-reasons} keyword. */
        List<String> strings(String name) {
            return get(name).map(a -> a.values().stream().filter(String.class::isInstance).map(String.class::cast).toList())
                    .orElse(List.of());
        }

        Optional<Integer> integer(String name) {
            return get(name).flatMap(a -> a.values().stream().filter(Integer.class::isInstance).map(Integer.class::cast).findFirst());
        }

        Optional<Boolean> bool(String name) {
            return get(name).flatMap(a -> a.values().stream().filter(Boolean.class::isInstance).map(Boolean.class::cast).findFirst());
        }
    }

    record Attribute(String name, int valueTag, List<Object> values) {
        Attribute {
            values = List.copyOf(values);
        }

        static Attribute of(String name, int valueTag, Object... values) {
            return new Attribute(name, valueTag, List.of(values));
        }
    }
}
