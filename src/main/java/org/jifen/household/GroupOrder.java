package org.jifen.household;

import java.util.Comparator;
import java.util.List;

/** Orders 村民小组 names the way people read them: 一组, 二组 ... 十二组, then anything else by text. */
final class GroupOrder {

    private static final List<Character> DIGITS = List.of('零', '一', '二', '三', '四', '五', '六', '七', '八', '九');

    static final Comparator<String> COMPARATOR = Comparator.comparingInt(GroupOrder::rank).thenComparing(Comparator.naturalOrder());

    private GroupOrder() {
    }

    static int rank(String group) {
        String g = group.endsWith("组") ? group.substring(0, group.length() - 1) : group;
        if (g.matches("[0-9]{1,3}")) {
            return Integer.parseInt(g);
        }
        int value = 0;
        int current = 0;
        for (char c : g.toCharArray()) {
            if (c == '十') {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (DIGITS.contains(c)) {
                current = DIGITS.indexOf(c);
            } else {
                return Integer.MAX_VALUE;
            }
        }
        return g.isEmpty() ? Integer.MAX_VALUE : value + current;
    }
}
