package org.jifen.household;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The household roster as a village keeps it in a spreadsheet (户号, 户主姓名, 联系电话, 村民小组, optional
 * 家庭成员 and 标签), and the rules a row must meet. Pure Java: no framework, unit-tested directly.
 */
public final class Roster {

    public static final String NUMBER = "户号";
    public static final String HEAD = "户主姓名";
    public static final String PHONE = "联系电话";
    public static final String GROUP = "村民小组";
    public static final String MEMBERS = "家庭成员";
    public static final String TAGS = "标签";
    public static final List<String> REQUIRED = List.of(NUMBER, HEAD, PHONE, GROUP);
    public static final List<String> HEADER = List.of(NUMBER, HEAD, PHONE, GROUP, MEMBERS, TAGS);

    /** Mobile (11 digits starting 13-19) or landline with area code (0xx-xxxxxxx). */
    public static final Pattern PHONE_PATTERN = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");
    private static final Pattern MEMBER = Pattern.compile("^(.+?)\\s*[(（]\\s*(.*?)\\s*[)）]$");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[;；、\\n]");

    public static final String MISSING_NUMBER = "缺少户号";
    public static final String MISSING_HEAD = "缺少户主姓名";
    public static final String DUPLICATE_NUMBER = "户号在文件中重复";
    public static final String BAD_PHONE = "联系电话格式不正确";

    private Roster() {
    }

    /** A data row as read from the file: cells by header name; {@code row} is the spreadsheet row (header = 1). */
    public record RawRow(int row, Map<String, String> cells) {
        String cell(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.strip();
        }

        boolean blank() {
            return cells.values().stream().allMatch(v -> v == null || v.isBlank());
        }
    }

    /** What a file holds: which optional columns it has, and its non-blank data rows. */
    public record Sheet(boolean hasMembers, boolean hasTags, List<RawRow> rows) {
    }

    public record Row(int row, String number, String headName, String phone, String group,
                      List<HouseholdService.NewMember> members, List<String> tags) {
    }

    public record RowError(int row, String column, String message) {
    }

    public record Checked(List<Row> rows, List<RowError> errors) {
    }

    /** Checks every row; all errors are reported, a duplicated number on each row that carries it. */
    public static Checked check(Sheet sheet) {
        List<Row> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, List<Integer>> rowsByNumber = new LinkedHashMap<>();
        for (RawRow raw : sheet.rows()) {
            int r = raw.row();
            String number = raw.cell(NUMBER);
            String head = raw.cell(HEAD);
            String phone = normalizePhone(raw.cell(PHONE));
            String group = raw.cell(GROUP);
            boolean ok = true;
            if (number.isEmpty()) {
                errors.add(new RowError(r, NUMBER, MISSING_NUMBER));
                ok = false;
            } else if (number.length() > 32) {
                errors.add(new RowError(r, NUMBER, "户号过长（最多32个字符）"));
                ok = false;
            } else {
                rowsByNumber.computeIfAbsent(number, k -> new ArrayList<>()).add(r);
            }
            if (head.isEmpty()) {
                errors.add(new RowError(r, HEAD, MISSING_HEAD));
                ok = false;
            } else if (head.length() > 64) {
                errors.add(new RowError(r, HEAD, "户主姓名过长（最多64个字符）"));
                ok = false;
            }
            if (!phone.isEmpty() && !PHONE_PATTERN.matcher(phone).matches()) {
                errors.add(new RowError(r, PHONE, BAD_PHONE));
                ok = false;
            }
            if (group.length() > 32) {
                errors.add(new RowError(r, GROUP, "村民小组名称过长（最多32个字符）"));
                ok = false;
            }
            List<HouseholdService.NewMember> members = List.of();
            if (sheet.hasMembers()) {
                try {
                    members = parseMembers(raw.cell(MEMBERS));
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(r, MEMBERS, e.getMessage()));
                    ok = false;
                }
            }
            List<String> tags = List.of();
            if (sheet.hasTags()) {
                try {
                    tags = parseTags(raw.cell(TAGS));
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(r, TAGS, e.getMessage()));
                    ok = false;
                }
            }
            if (ok) {
                rows.add(new Row(r, number, head, phone.isEmpty() ? null : phone, group.isEmpty() ? null : group, members, tags));
            }
        }
        rowsByNumber.values().stream().filter(list -> list.size() > 1).forEach(list -> list.forEach(r ->
                errors.add(new RowError(r, NUMBER, DUPLICATE_NUMBER))));
        errors.sort(java.util.Comparator.comparingInt(RowError::row));
        return new Checked(rows, errors);
    }

    /** Spaces and dashes inside mobile numbers are common in spreadsheets; a landline keeps its dash. */
    static String normalizePhone(String phone) {
        String p = phone.replace(" ", "").replace("\u00a0", "");
        if (p.matches("1[0-9]{2}-?[0-9]{4}-?[0-9]{4}")) {
            p = p.replace("-", "");
        }
        if (p.startsWith("+86")) {
            p = p.substring(3);
        }
        return p;
    }

    /** "王强(子);李梅(女)" → members; full-width brackets and separators (；、) too; relation optional. */
    public static List<HouseholdService.NewMember> parseMembers(String cell) {
        List<HouseholdService.NewMember> members = new ArrayList<>();
        for (String part : LIST_SEPARATORS.split(cell)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = MEMBER.matcher(p);
            String name = m.matches() ? m.group(1).strip() : p;
            String relation = m.matches() && !m.group(2).isBlank() ? m.group(2) : null;
            if (name.isEmpty() || name.length() > 64 || name.contains("(") || name.contains("（")) {
                throw new IllegalArgumentException("家庭成员格式不正确，应为：姓名(关系);姓名(关系)");
            }
            if (relation != null && relation.length() > 16) {
                throw new IllegalArgumentException("家庭成员关系过长（最多16个字符）");
            }
            members.add(new HouseholdService.NewMember(name, relation));
        }
        if (members.size() > 30) {
            throw new IllegalArgumentException("家庭成员过多（最多30人）");
        }
        return members;
    }

    public static List<String> parseTags(String cell) {
        List<String> tags = new ArrayList<>();
        for (String part : LIST_SEPARATORS.split(cell.replace(',', ';').replace('，', ';'))) {
            String t = part.strip();
            if (t.isEmpty() || tags.contains(t)) {
                continue;
            }
            if (t.length() > 16) {
                throw new IllegalArgumentException("标签过长（每个最多16个字符）");
            }
            tags.add(t);
        }
        if (tags.size() > 10) {
            throw new IllegalArgumentException("标签过多（最多10个）");
        }
        return tags;
    }

    public static String formatMembers(List<HouseholdService.NewMember> members) {
        return String.join(";", members.stream()
                .map(m -> m.relation() == null || m.relation().isBlank() ? m.name() : m.name() + "(" + m.relation() + ")")
                .toList());
    }

    public static String formatTags(List<String> tags) {
        return String.join(";", tags);
    }
}
