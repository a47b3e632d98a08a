package org.cityhub.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.UnDef;
import org.cityhub.json.Json;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * History points in their JSON and CSV shapes: {@code {"t": "…", "v": 3.25}}, the series' unit once beside them
 * (a point whose unit differs carries its own), a state without value as {@code "v": null} with its type.
 */
final class HistoryPoints {

    private HistoryPoints() {
    }

    /** The unit of the series: that of its first number with one, or {@code null}. */
    static @Nullable String unitOf(List<HistoricState> raw, List<Bucket> buckets) {
        for (HistoricState point : raw) {
            if (point.state() instanceof NumberValue n && n.unit() != null) {
                return n.unit();
            }
        }
        for (Bucket bucket : buckets) {
            if (bucket.value() instanceof NumberValue n && n.unit() != null) {
                return n.unit();
            }
        }
        return null;
    }

    static ObjectNode point(Instant time, State state, @Nullable String seriesUnit) {
        ObjectNode node = Json.object().put("t", time.toString());
        if (state instanceof NumberValue n) {
            node.put("v", n.value());
            if (n.unit() != null && !n.unit().equals(seriesUnit)) {
                node.put("unit", n.unit());
            }
        } else if (state instanceof PointValue p) {
            node.putObject("v").put("lat", p.lat()).put("lon", p.lon());
        } else if (state instanceof UnDef) {
            node.putNull("v").put("type", state.type());
        } else {
            node.put("v", state.toString());
        }
        return node;
    }

    /** {@code time,value,unit} of one point, quoted where needed. */
    static String csvRow(Instant time, State state) {
        String value;
        String unit = "";
        if (state instanceof NumberValue n) {
            value = n.value().toPlainString();
            unit = n.unit() == null ? "" : n.unit();
        } else if (state instanceof UnDef) {
            value = state.type().toUpperCase(Locale.ROOT);
        } else {
            value = spreadsheetSafe(state.toString());
        }
        return time + "," + csv(value) + "," + csv(unit);
    }

    /** A text a spreadsheet would take for a formula is kept as text by a leading apostrophe (CWE-1236). */
    private static String spreadsheetSafe(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
