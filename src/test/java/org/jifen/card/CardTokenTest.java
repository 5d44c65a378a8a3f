package org.jifen.card;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class CardTokenTest {

    private final CardToken codec = new CardToken("a-test-key-of-32-bytes-0123456789".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldVerifyWhatItSigned() {
        String token = codec.sign(12345, 3);
        assertEquals(new CardToken.Parsed(12345, 3), codec.verify(token).orElseThrow());
        assertTrue(token.length() <= 32, "token stays compact: " + token);
    }

    @Test
    void shouldRefuseAlteredIdVersionOrMac() {
        String token = codec.sign(12345, 3);
        String[] parts = token.split("\\.");
        assertTrue(codec.verify(Long.toString(12346, 36) + "." + parts[1] + "." + parts[2]).isEmpty(), "other household");
        assertTrue(codec.verify(parts[0] + "." + Integer.toString(4, 36) + "." + parts[2]).isEmpty(), "other version");
        char last = parts[2].charAt(parts[2].length() - 1);
        String mac = parts[2].substring(0, parts[2].length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(codec.verify(parts[0] + "." + parts[1] + "." + mac).isEmpty(), "altered mac");
        assertTrue(codec.verify(parts[0] + "." + parts[1]).isEmpty(), "no mac");
        assertTrue(codec.verify("").isEmpty());
        assertTrue(codec.verify(null).isEmpty());
        assertTrue(codec.verify("x.y.z").isEmpty());
    }

    @Test
    void shouldRefuseTokenOfAnotherKey() {
        CardToken other = new CardToken("another-key-of-32-bytes-987654321".getBytes(StandardCharsets.UTF_8));
        assertTrue(codec.verify(other.sign(12345, 3)).isEmpty());
    }

    @Test
    void shouldFindTokenInCardUrl() {
        assertEquals("a.1.mac", CardToken.tokenOf("https://jifen.example.cn/c/a.1.mac"));
        assertEquals("a.1.mac", CardToken.tokenOf(" a.1.mac "));
        assertEquals("a.1.mac", CardToken.tokenOf("http://x/c/a.1.mac?from=wx"));
    }

    @Test
    void shouldRefuseShortKeys() {
        assertThrows(IllegalArgumentException.class, () -> new CardToken(new byte[8]));
        assertThrows(IllegalStateException.class, () -> CardKeys.parseKey("short"));
        assertEquals(32, CardKeys.parseKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").length);
        assertEquals(20, CardKeys.parseKey("plain text key #1234").length);
    }
}
