package cn.yzz.kiosk.cache.catalog;

import java.util.Objects;

/** What a payment costs ({@code amountFen}): a fixed sum, or the chosen option's number times a multiplier. Money is whole fen. */
public sealed interface Amount {

    /** {@code {"fixed": 3800}}. */
    record Fixed(long fen, boolean perPerson) implements Amount {}

    /** {@code {"from": "grade", "multiplier": 100, "perPerson": true}}: {@code from} names a field asked of everyone. */
    record From(String field, long multiplier, boolean perPerson) implements Amount {
        public From {
            Objects.requireNonNull(field, "field");
        }
    }

    /** Paid once per person in {@code data.members}. */
    boolean perPerson();
}
