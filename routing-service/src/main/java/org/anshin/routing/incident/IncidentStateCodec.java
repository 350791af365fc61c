package org.anshin.routing.incident;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;

/**
 * Compact binary form of {@link IncidentState} for the store and its changelog: a format byte, then the
 * fields in record order (strings as length-prefixed UTF-8, enums by name, instants as epoch millis, a
 * presence byte before each nullable field). It replaced Jackson on the hot path (one encode and one
 * decode per report): the profile had JSON writing of the state among the top costs, and the document
 * is ~40 % smaller. Enums are written by name, not ordinal, so adding a symbol keeps old entries
 * readable; a new field needs a new {@link #FORMAT} byte, read alongside the old one.
 */
final class IncidentStateCodec {
    /** First byte of every entry; JSON entries (the first format) start with '{'. */
    static final byte FORMAT = 3;
    /** The binary format before incidentKey, reportCount and the notice log: still read. */
    static final byte FORMAT_1 = 1;
    /** The binary format before the service-level verdicts (read as null: not declared): still read. */
    static final byte FORMAT_2 = 2;
    /** Tri-state Booleans (the service-level verdicts): null, false, true. */
    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte LONG = 'L';
    private static final byte BOOLEAN = 'B';
    private static final byte STRING = 'S';

    private IncidentStateCodec() {
    }

    static byte[] encode(IncidentState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeString(out, s.incidentId());
            writeString(out, s.sector());
            writeString(out, s.operatorId());
            writeString(out, name(s.status()));
            writeString(out, name(s.classification()));
            writeString(out, s.reason());
            writeString(out, s.reasonJa());
            writeString(out, name(s.tlp()));
            out.writeBoolean(s.exercise());
            writeInstant(out, s.occurredAt());
            writeInstant(out, s.resolvedAt());
            writeInstant(out, s.updatedAt());
            out.writeInt(s.impact().size());
            for (Map.Entry<String, Object> e : s.impact().entrySet()) {
                writeString(out, e.getKey());
                writeValue(out, e.getValue());
            }
            out.writeInt(s.reportIds().size());
            for (String id : s.reportIds()) {
                writeString(out, id);
            }
            writeString(out, name(s.lastNoticeType()));
            writeString(out, s.summary());
            writeString(out, name(s.cause()));
            writeInstant(out, s.receivedAt());
            out.writeBoolean(s.everExceeded());
            writeInstant(out, s.dueAt());
            writeString(out, s.incidentKey());
            out.writeInt(s.reportCount());
            out.writeInt(s.notices().size());
            for (IncidentState.SentNotice n : s.notices()) {
                writeString(out, name(n.noticeType()));
                writeInstant(out, n.at());
                out.writeInt(n.recipients().size());
                for (String r : n.recipients()) {
                    writeString(out, r);
                }
            }
            writeTriState(out, s.serviceLevelBreached());
            writeTriState(out, s.everServiceLevelBreached());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param format the entry's first byte, {@link #FORMAT}, {@link #FORMAT_2} or {@link #FORMAT_1}
     * @param in     positioned after the format byte
     */
    static IncidentState decode(byte format, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String incidentId = readString(data);
        String sector = readString(data);
        String operatorId = readString(data);
        IncidentState.Status status = valueOf(IncidentState.Status.class, readString(data));
        Classification classification = valueOf(Classification.class, readString(data));
        String reason = readString(data);
        String reasonJa = readString(data);
        Tlp tlp = valueOf(Tlp.class, readString(data));
        boolean exercise = data.readBoolean();
        Instant occurredAt = readInstant(data);
        Instant resolvedAt = readInstant(data);
        Instant updatedAt = readInstant(data);
        int impactSize = data.readInt();
        Map<String, Object> impact = new LinkedHashMap<>();
        for (int i = 0; i < impactSize; i++) {
            impact.put(readString(data), readValue(data));
        }
        int ids = data.readInt();
        List<String> reportIds = new ArrayList<>(ids);
        for (int i = 0; i < ids; i++) {
            reportIds.add(readString(data));
        }
        String lastNotice = readString(data);
        String summary = readString(data);
        String cause = readString(data);
        Instant receivedAt = readInstant(data);
        boolean everExceeded = data.readBoolean();
        Instant dueAt = readInstant(data);
        String incidentKey = null;
        int reportCount = 0;
        List<IncidentState.SentNotice> notices = new ArrayList<>();
        if (format != FORMAT_1) {
            incidentKey = readString(data);
            reportCount = data.readInt();
            int n = data.readInt();
            for (int i = 0; i < n; i++) {
                NoticeType type = valueOf(NoticeType.class, readString(data));
                Instant at = readInstant(data);
                int r = data.readInt();
                List<String> recipients = new ArrayList<>(r);
                for (int j = 0; j < r; j++) {
                    recipients.add(readString(data));
                }
                notices.add(new IncidentState.SentNotice(type, at, recipients));
            }
        }
        Boolean serviceLevelBreached = null;
        Boolean everServiceLevelBreached = null;
        if (format == FORMAT) {
            serviceLevelBreached = readTriState(data);
            everServiceLevelBreached = readTriState(data);
        }
        return new IncidentState(incidentId, sector, operatorId, status, classification, reason, reasonJa, tlp,
                exercise, occurredAt, resolvedAt, updatedAt, impact, reportIds,
                valueOf(NoticeType.class, lastNotice), summary,
                valueOf(Cause.class, cause), receivedAt, everExceeded, dueAt, incidentKey, reportCount, notices,
                serviceLevelBreached, everServiceLevelBreached);
    }

    /** Whether {@link #decode} reads entries that start with this byte. */
    static boolean reads(byte format) {
        return format == FORMAT || format == FORMAT_2 || format == FORMAT_1;
    }

    /** Null-tolerant like the JSON it replaced: the processor, not the codec, decides what a missing value means. */
    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeTriState(DataOutputStream out, Boolean b) throws IOException {
        out.writeByte(b == null ? NULL : b ? TRUE : FALSE);
    }

    private static Boolean readTriState(DataInputStream in) throws IOException {
        byte b = in.readByte();
        return switch (b) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            default -> throw new IOException("unknown tri-state value " + b);
        };
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** Impact values are counts (kept as Long) and flags; anything else is kept as its text. */
    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v instanceof Number n) {
            out.writeByte(LONG);
            out.writeLong(n.longValue());
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else {
            out.writeByte(STRING);
            writeString(out, String.valueOf(v));
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case LONG -> in.readLong();
            case BOOLEAN -> in.readBoolean();
            case STRING -> readString(in);
            default -> throw new IOException("unknown impact value tag " + tag);
        };
    }
}
