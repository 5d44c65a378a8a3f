package org.jifen.card;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Settings of household cards, under {@code jifen.card.*}. */
@ConfigMapping(prefix = "jifen.card")
public interface CardConfig {

    /**
     * HMAC key of card tokens: base64 (≥ 16 bytes decoded) or plain text (≥ 16 bytes). Unset: the key the
     * database generated once in migration V30 (table {@code card_key}) is used, in every profile.
     */
    Optional<String> key();

    /**
     * A folder holding a town's own {@code card-sheet.html} (Qute); unset or missing file: the template inside
     * the jar ({@code templates/card/card-sheet.html}, packaged from {@code qr/card-sheet.html}).
     */
    Optional<String> templateDir();
}
