package org.jifen.portal;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * TODO(lead): {@code jifen.card.*} belongs to the cards+shop feature; this mapping only lets the portal read
 * the card key until that branch is merged (then delete it and use the shop's card bean in {@link PortalCards}).
 */
@ConfigMapping(prefix = "jifen.card")
public interface CardKeyConfig {

    /** Key that signs household cards (UTF-8, at least 16 bytes). */
    Optional<String> key();
}
