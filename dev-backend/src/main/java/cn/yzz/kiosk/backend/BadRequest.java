package cn.yzz.kiosk.backend;

/** A request the contract refuses with 400; carries the offending field for the problem detail. */
final class BadRequest extends Exception {
    private final String field;

    BadRequest(String field, String detail) {
        super(detail);
        this.field = field;
    }

    String field() {
        return field;
    }

    Reply toReply() {
        return Reply.problem(400, "bad-request", "Bad request: " + field, getMessage());
    }
}
