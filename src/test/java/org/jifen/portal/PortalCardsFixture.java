package org.jifen.portal;

import org.jifen.card.CardToken;

import java.nio.charset.StandardCharsets;

/** Signs card QR texts with the %test card key, the way a printed card carries them. */
public final class PortalCardsFixture {

    public static final CardToken CARDS = new CardToken("test-card-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private PortalCardsFixture() {
    }

    public static String qrText(long householdId, int version) {
        return "http://localhost:8080/c/" + CARDS.sign(householdId, version);
    }
}
