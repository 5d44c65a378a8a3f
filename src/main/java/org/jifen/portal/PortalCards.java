package org.jifen.portal;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.card.CardToken;
import org.jifen.common.security.Tokens;

import java.nio.charset.StandardCharsets;

/**
 * The card verifier the portal uses. TODO(lead): once the cards+shop branch is merged, replace this with the
 * shop feature's CardToken bean / config mapping of {@code jifen.card.key}; until then the key is read here as
 * the UTF-8 bytes of {@code jifen.card.key} (at least 16 bytes), and a random key is used when it is unset.
 */
@ApplicationScoped
public class PortalCards {

    private final CardToken cards;

    public PortalCards(CardKeyConfig config) {
        byte[] bytes = config.key().filter(k -> k.getBytes(StandardCharsets.UTF_8).length >= 16)
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (bytes == null) {
            Log.warn("jifen: jifen.card.key is not set; portal card logins use a random key (cards printed before a restart will not verify)");
            bytes = Tokens.newToken().getBytes(StandardCharsets.UTF_8);
        }
        this.cards = new CardToken(bytes);
    }

    public CardToken cards() {
        return cards;
    }
}
