package org.cityhub.console.internal.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.WCWidth;

/**
 * A console table aligned by what a terminal shows, not by characters: a Chinese character takes two columns, a
 * combining mark none (JLine's {@link WCWidth}, the terminal library the console runs on). Karaf's own table counts
 * characters, which misaligns every row with a Chinese label.
 */
final class DisplayTable {

    private static final String GAP = " │ ";

    /** A column: its header and alignment. */
    static final class Column {
        private final String header;
        private boolean right;

        private Column(String header) {
            this.header = header;
        }

        /** Aligns this column's cells to the right (numbers). */
        Column alignRight() {
            right = true;
            return this;
        }
    }

    /** A row, filled with {@link #addContent}. */
    static final class Row {
        private final List<String> cells = new ArrayList<>();

        /** The row's cells, left to right; null shows as empty. */
        void addContent(Object... values) {
            for (Object value : values) {
                cells.add(value == null ? "" : String.valueOf(value).replace('\n', ' '));
            }
        }
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    Column column(String header) {
        Column column = new Column(header);
        columns.add(column);
        return column;
    }

    Row addRow() {
        Row row = new Row();
        rows.add(row);
        return row;
    }

    void print(PrintStream out) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = width(columns.get(i).header);
            for (Row row : rows) {
                widths[i] = Math.max(widths[i], width(cell(row, i)));
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            header.append(i == 0 ? "" : GAP).append(pad(columns.get(i).header, widths[i], false));
            rule.append(i == 0 ? "" : "─┼─").append("─".repeat(widths[i]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                line.append(i == 0 ? "" : GAP).append(pad(cell(row, i), widths[i], columns.get(i).right));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(Row row, int index) {
        return index < row.cells.size() ? row.cells.get(index) : "";
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(Math.max(0, width - width(text)));
        return right ? padding + text : text + padding;
    }

    /** The columns a terminal gives the text; a control character counts as none. */
    static int width(String text) {
        return text.codePoints().map(codePoint -> Math.max(0, WCWidth.wcwidth(codePoint))).sum();
    }
}
