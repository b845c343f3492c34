package io.centralkitchen.processes.archive.verify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One entry of a station's archive log as it is hashed into the tree. Its canonical form is one field per line in a
 * fixed order (backslash and newline escaped), so the platform and an offline verifier derive the same bytes.
 *
 * @param index        the leaf index in the station's tree
 * @param prevIndex    the leaf index of the previous entry of the same subject, null for its first
 * @param refType      OBJECT, ROW, DOC or LINK: where the artefact is
 * @param ref          the object key, the row ({@code table:column=value}), a document name, or the linked subject
 * @param artefactHash hex SHA-256 of the artefact (object content, canonical row, canonical document, link text)
 */
public record LogEntry(long index, Long prevIndex, String station, String subjectKind, String subjectId, String kind,
                       String refType, String ref, String artefactHash, String actor, Instant recordedAt) {

    public static final String FORMAT = "central-kitchen archive entry v1";

    public byte[] canonical() {
        StringBuilder s = new StringBuilder(FORMAT).append('\n');
        for (Object field : new Object[]{index, prevIndex == null ? "-" : prevIndex, station, subjectKind, subjectId, kind, refType,
                ref, artefactHash, actor, recordedAt}) {
            s.append(escape(String.valueOf(field))).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] leafHash() {
        return Merkle.leafHash(canonical());
    }

    /** How people name the entry: "#12 SHOW spring-1 RECORDING_SEGMENT (object station-1/shows/…/seg-3.ts)". */
    public String describe() {
        return "#" + index + " " + subjectKind + " " + subjectId + " " + kind + " (" + refType.toLowerCase() + " " + ref + ")";
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
