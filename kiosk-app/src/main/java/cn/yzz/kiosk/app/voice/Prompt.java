package cn.yzz.kiosk.app.voice;

import java.util.List;
import java.util.Objects;

/**
 * Something the kiosk says: a key of the prompt bundles and its arguments. Only {@link Spoken}
 * values can be arguments, so every dynamic value is a conscious decision about how it is spoken.
 *
 * @param key  a key of the prompt bundles ({@code home}, {@code identify.done}, …)
 * @param args the arguments {@code {0}}, {@code {1}}, … of the key's text
 */
public record Prompt(String key, List<Spoken> args) {

    public Prompt {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static Prompt of(String key, Spoken... args) {
        return new Prompt(key, List.of(args));
    }

    /** A prompt with arguments may carry personal data: it is never written to disk. */
    public boolean hasArguments() {
        return !args.isEmpty();
    }

    /** The key and how many arguments, never their values (a surname, an amount). */
    @Override
    public String toString() {
        return args.isEmpty() ? key : key + " (" + args.size() + " spoken values)";
    }
}
