/**
 * The kiosk's voice prompts, offline: espeak-ng speaks short prompts in the language chosen on
 * screen (Mandarin, Cantonese, Hakka in Pha̍k-fa-sṳ, English).
 *
 * <p>The app uses {@link cn.yzz.kiosk.app.voice.Voice} only: {@code say(Prompt, Language, slow)}
 * returns at once and the kiosk-voice thread synthesises (or reads the cache) and plays, a newer
 * prompt cutting off an older one. A {@link cn.yzz.kiosk.app.voice.Prompt} is a bundle key plus
 * {@link cn.yzz.kiosk.app.voice.Spoken} arguments, so every dynamic value is spoken in a chosen way.
 *
 * <p>Privacy: prompts with arguments may carry a surname, an amount or a receipt number, so they are
 * synthesised into memory only: never written to disk, never on espeak-ng's command line (the text
 * goes to its standard input) and never logged. Only argument-free prompts are cached on disk.
 *
 * <p>No audio device or no espeak-ng: the voice stays silent, says why once in the log, and the
 * kiosk goes on with text only.
 */
package cn.yzz.kiosk.app.voice;
