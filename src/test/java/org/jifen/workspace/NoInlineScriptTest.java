package org.jifen.workspace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Content-Security-Policy ({@code common/SecurityHeaders}) runs no inline script: a template with an inline
 * {@code <script>}, an {@code on...=} handler or a {@code javascript:} address would silently do nothing in the browser.
 * Behaviour goes in static .js files (e.g. {@code static/staff.js}: data-go, data-print, data-confirm, data-back).
 */
class NoInlineScriptTest {

    static final Pattern HANDLER = Pattern.compile("<[a-zA-Z][^>]*\\son[a-z]+\\s*=", Pattern.DOTALL);
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern JS_URL = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateRunsInlineScript() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : List.of(Path.of("src/main/resources/templates"), Path.of("qr"), Path.of("src/main/resources/META-INF/resources"))) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : all.filter(p -> p.toString().endsWith(".html")).toList()) {
                    files++;
                    String text = Files.readString(f);
                    for (Pattern p : List.of(HANDLER, INLINE_SCRIPT, JS_URL)) {
                        Matcher m = p.matcher(text);
                        while (m.find()) {
                            found.add(f + ": " + m.group().replaceAll("\\s+", " "));
                        }
                    }
                }
            }
        }
        assertTrue(files > 40, "found only " + files + " templates: is the scan broken?");
        assertEquals(List.of(), found);
    }

    @Test
    void theScanFindsEachKindOfInlineScript() {
        assertTrue(HANDLER.matcher("<button type=\"button\" onclick=\"window.print()\">").find());
        assertTrue(HANDLER.matcher("<form method=\"post\"\n  onsubmit=\"return confirm('x')\">").find());
        assertTrue(INLINE_SCRIPT.matcher("<script>alert(1)</script>").find());
        assertTrue(JS_URL.matcher("<a href=\"javascript:history.back()\">").find());
        assertEquals(false, INLINE_SCRIPT.matcher("<script src=\"/static/staff.js\" defer></script>").find());
        assertEquals(false, HANDLER.matcher("<button data-print>打印</button> <p>common=1</p>").find());
    }
}
