package org.jifen.card;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CardLayoutCopyTest {

    @Test
    void shouldKeepTheTownCopyOfTheCardLayoutEqualToTheBuiltInOne() throws Exception {
        assertEquals(Files.readString(Path.of("src/main/resources/templates/card/card-sheet.html")),
                Files.readString(Path.of("qr/card-sheet.html")),
                "qr/card-sheet.html is the documented copy of the built-in layout: copy the template again");
    }
}
