package cn.yzz.kiosk.device.receipt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to print on one receipt (凭条), top to bottom; the printer cuts after the last line.
 * Build one with {@link #on(Paper)}.
 */
public record Receipt(Paper paper, List<ReceiptLine> lines) {

    public Receipt {
        Objects.requireNonNull(paper, "paper");
        lines = List.copyOf(lines);
    }

    public static Builder on(Paper paper) {
        return new Builder(paper);
    }

    /** Adds lines in order. */
    public static final class Builder {
        private final Paper paper;
        private final List<ReceiptLine> lines = new ArrayList<>();

        private Builder(Paper paper) {
            this.paper = Objects.requireNonNull(paper, "paper");
        }

        public Builder title(String text) {
            return add(new ReceiptLine.Title(text));
        }

        public Builder text(String text) {
            return add(new ReceiptLine.Text(text, ReceiptLine.Align.LEFT));
        }

        public Builder centred(String text) {
            return add(new ReceiptLine.Text(text, ReceiptLine.Align.CENTRE));
        }

        public Builder field(String label, String value) {
            return add(new ReceiptLine.Field(label, value));
        }

        public Builder amount(String label, BigDecimal yuan) {
            return add(new ReceiptLine.Amount(label, yuan));
        }

        public Builder separator() {
            return add(new ReceiptLine.Separator());
        }

        public Builder qr(String data) {
            return add(new ReceiptLine.Qr(data));
        }

        public Builder logo(ReceiptLine.Logo logo) {
            return add(logo);
        }

        public Builder feed(int lines) {
            return add(new ReceiptLine.Feed(lines));
        }

        public Builder add(ReceiptLine line) {
            lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        public Receipt build() {
            return new Receipt(paper, lines);
        }
    }
}
