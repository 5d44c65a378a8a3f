package org.jifen.survey;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code {name.urlEncoded}}: a text as one query parameter value (the ranking page's pre-filled links). */
@TemplateExtension
public class SurveyTemplateExtensions {

    static String urlEncoded(String text) {
        return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
