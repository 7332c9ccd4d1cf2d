package org.attentionsuite.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;

/** A small builder of Markdown (GitHub) tables; cells are escaped for {@code |}. */
public final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column titles. */
    public Markdown(List<String> header) {
        if (header.isEmpty()) {
            throw new UserError("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    /** Appends a row of exactly one cell per column. */
    public Markdown row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new UserError("row has " + cells.size() + " cells, table has " + header.size()
                    + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The table, one line per row, ending with a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        sb.append('|');
        for (int i = 0; i < header.size(); i++) {
            sb.append(" --- |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    /**
     * {@code value} with {@code digits} significant digits, plain notation where readable;
     * {@code digits = 0} rounds to a whole number (steps, seconds).
     */
    public static String num(double value, int digits) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (digits <= 0) {
            return Long.toString(Math.round(value));
        }
        double a = Math.abs(value);
        if (a != 0 && (a < 1e-3 || a >= 1e7)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).stripTrailingZeros()
                .toPlainString();
    }

    /** Bytes as {@code KiB/MiB/GiB} with 3 significant digits. */
    public static String bytes(double bytes) {
        if (!Double.isFinite(bytes) || bytes < 0) {
            return "n/a";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return num(v, 3) + " " + units[u];
    }

    /** A CSV field: quoted when it holds a comma, quote or newline. */
    public static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
