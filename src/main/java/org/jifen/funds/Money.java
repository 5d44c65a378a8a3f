package org.jifen.funds;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;

/** Fen shown as yuan in the pages: {@code {r.amountCents.yuan}} → {@code 12500.00}. */
@TemplateExtension
public final class Money {

    private Money() {
    }

    static String yuan(Long cents) {
        return cents == null ? "" : BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
