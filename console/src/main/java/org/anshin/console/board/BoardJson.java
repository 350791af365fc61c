package org.anshin.console.board;

import java.util.List;
import org.anshin.console.Lang;

/** {@code /board.json}: the rows and the one text the script cannot compute (the acknowledgement cell). */
public final class BoardJson {
    private BoardJson() {
    }

    public record Answer(boolean drills, int count, List<Row> rows) {
    }

    /** A row plus its acknowledgement cell's text. */
    public record Row(BoardRow row, String ackText) {
    }

    public static Answer of(Lang l, BoardFilter f, List<BoardRow> rows) {
        return new Answer(f.drills(), rows.size(), rows.stream().map(r -> new Row(r, ackText(l, r))).toList());
    }

    static String ackText(Lang l, BoardRow r) {
        if (!r.acksKnown()) {
            return "—";
        }
        return r.acknowledgedBy().isEmpty() ? l.pick("未確認", "not acknowledged") : String.join(", ", r.acknowledgedBy());
    }
}
