package dev.herald.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Rows printed in aligned columns; colour codes do not count towards a column's width. */
final class Table {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final List<String[]> rows = new ArrayList<>();

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], visible(row[i]));
            }
        }
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        out.flush();
    }

    /** One row aligned to fixed widths, for output that arrives a line at a time. */
    static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(Math.max(0, widths[i] - visible(cells[i])) + 2));
            }
        }
        return line.toString();
    }

    private static int visible(String cell) {
        return ANSI.matcher(cell).replaceAll("").length();
    }
}
