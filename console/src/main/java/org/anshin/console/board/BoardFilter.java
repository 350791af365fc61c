package org.anshin.console.board;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.anshin.console.Labels;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Tlp;

/**
 * The board's filters, from query parameters (the same for the page and {@code /board.json}): {@code sector},
 * {@code classification} (exceeds|below), {@code state} (open|resolved|all, default open), {@code tlp}
 * (CLEAR..RED), {@code from}/{@code to} (occurrence time, {@code yyyy-MM-dd} or {@code yyyy-MM-ddTHH:mm} in
 * Japan time) and {@code tab} (drills or the real board). Anything unparseable is ignored, not an error.
 */
public record BoardFilter(boolean drills, Optional<String> sector, Optional<Classification> classification,
                          String state, Optional<Tlp> tlp, Optional<Instant> from, Optional<Instant> to) {
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    public static final String ALL = "all";

    public static BoardFilter from(Context ctx) {
        String sector = ctx.queryParam("sector");
        String cls = lower(ctx.queryParam("classification"));
        String state = lower(ctx.queryParam("state"));
        String tlp = ctx.queryParam("tlp");
        return new BoardFilter("drills".equals(ctx.queryParam("tab")),
                sector == null || sector.isBlank() || !sector.matches("[a-z0-9-]{1,64}") ? Optional.empty()
                        : Optional.of(sector),
                switch (cls) {
                    case "exceeds" -> Optional.of(Classification.EXCEEDS_VERIFICATION_LEVEL);
                    case "below" -> Optional.of(Classification.BELOW_VERIFICATION_LEVEL);
                    default -> Optional.empty();
                },
                state.equals(RESOLVED) || state.equals(ALL) ? state : OPEN,
                parseTlp(tlp), time(ctx.queryParam("from"), false), time(ctx.queryParam("to"), true));
    }

    /** The filters as a query string (for the JSON URL the page polls), {@code tab} included. */
    public String query() {
        StringBuilder q = new StringBuilder();
        add(q, "tab", drills ? "drills" : null);
        add(q, "sector", sector.orElse(null));
        add(q, "classification", classification.map(c -> c == Classification.EXCEEDS_VERIFICATION_LEVEL
                ? "exceeds" : "below").orElse(null));
        add(q, "state", state.equals(OPEN) ? null : state);
        add(q, "tlp", tlp.map(Enum::name).orElse(null));
        from.ifPresent(t -> add(q, "from", LocalDateTime.ofInstant(t, Labels.JST).toString()));
        to.ifPresent(t -> add(q, "to", LocalDateTime.ofInstant(t, Labels.JST).toString()));
        return q.toString();
    }

    private static void add(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static Optional<Tlp> parseTlp(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        String name = s.toUpperCase(Locale.ROOT).replace("TLP:", "").replace('+', '_');
        for (Tlp t : Tlp.values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A date means its start ({@code from}) or its end ({@code to}). */
    private static Optional<Instant> time(String s, boolean endOfDay) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return Optional.of((endOfDay ? d.plusDays(1) : d).atStartOfDay(Labels.JST).toInstant());
            }
            return Optional.of(LocalDateTime.parse(s).atZone(Labels.JST).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
