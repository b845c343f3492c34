package io.centralkitchen.media.rtmp;

import io.centralkitchen.storage.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server side of one RTMP connection, for publishing only: handshake (plain, which FFmpeg, OBS and hardware
 * encoders accept), chunk stream, the NetConnection/NetStream commands up to {@code publish}, then audio, video and
 * metadata messages re-framed as FLV tags.
 */
final class RtmpConnection {

    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);
    private static final int HANDSHAKE = 1536;
    private static final int OUT_CHUNK = 4096;
    private static final int WINDOW = 2_500_000;

    private final Socket socket;
    private final String app;
    private final RtmpIngestServer.Gate gate;
    private final Admission.Ticket ticket;
    private final IngestLimits limits;
    private final DataInputStream in;
    private final OutputStream out;
    private final ChunkReader chunks;
    private long acknowledged;
    private String connectedApp;
    private RtmpIngestServer.Publication publication;
    private boolean flvHeaderWritten;

    RtmpConnection(Socket socket, String app, RtmpIngestServer.Gate gate, Admission.Ticket ticket, IngestLimits limits)
            throws IOException {
        this.socket = socket;
        this.app = app;
        this.gate = gate;
        this.ticket = ticket;
        this.limits = limits;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
        this.chunks = new ChunkReader(in, limits.beforePublish());
    }

    void run() throws IOException {
        try {
            handshake();
            ticket.handshaken();
            while (true) {
                ChunkReader.Message message = chunks.next();
                acknowledge();
                onMessage(message.type(), message.timestamp(), message.payload());
            }
        } catch (EOFException | java.net.SocketTimeoutException e) {
            // the publisher left or fell silent
        } finally {
            if (publication != null) {
                log.info("RTMP ingest: {} stopped publishing", publication.describe());
                publication.end();
                publication = null;
            }
        }
    }

    private void handshake() throws IOException {
        int version = in.readUnsignedByte();
        if (version != 3) {
            throw new IOException("Not RTMP (version " + version + ")");
        }
        byte[] c1 = new byte[HANDSHAKE];
        in.readFully(c1);
        byte[] s1 = new byte[HANDSHAKE];
        new SecureRandom().nextBytes(s1);
        // time and a zero version: tells clients this is the plain handshake (no digest to verify)
        for (int i = 0; i < 8; i++) {
            s1[i] = 0;
        }
        out.write(3);
        out.write(s1);
        out.write(c1);
        out.flush();
        in.readFully(new byte[HANDSHAKE]);
    }

    private void acknowledge() throws IOException {
        long received = chunks.received();
        if (received - acknowledged >= WINDOW / 2) {
            acknowledged = received;
            sendControl(3, (int) received);
        }
    }

    private void onMessage(int type, long timestamp, byte[] payload) throws IOException {
        switch (type) {
            case 20 -> onCommand(Amf0.decodeAll(payload));
            case 17 -> onCommand(payload.length == 0 ? List.of() : Amf0.decodeAll(Arrays.copyOfRange(payload, 1, payload.length)));
            case 8, 9 -> media(type, timestamp, payload);
            case 18 -> media(18, timestamp, FlvTags.stripSetDataFrame(payload));
            case 15 -> media(18, timestamp, payload.length == 0 ? payload
                    : FlvTags.stripSetDataFrame(Arrays.copyOfRange(payload, 1, payload.length)));
            default -> {
                // acknowledgements, window sizes, user control: nothing to do for a publisher
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void onCommand(List<Object> command) throws IOException {
        if (command.isEmpty() || !(command.get(0) instanceof String name)) {
            return;
        }
        double txn = command.size() > 1 && command.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect" -> {
                Map<String, Object> props = command.size() > 2 && command.get(2) instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                String requested = String.valueOf(props.getOrDefault("app", ""));
                requested = requested.replaceAll("/+$", "");
                int query = requested.indexOf('?');
                connectedApp = query >= 0 ? requested.substring(0, query) : requested;
                sendControl(1, OUT_CHUNK);
                if (!connectedApp.equals(app)) {
                    sendCommand(3, 0, "_error", txn, null, status("error", "NetConnection.Connect.Rejected",
                            "Unknown application '" + connectedApp + "'; publish to /" + app + "/<ingest key>"));
                    throw new EOFException();
                }
                sendControl(5, WINDOW);
                sendPeerBandwidth();
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("fmsVer", "FMS/3,0,1,123");
                server.put("capabilities", 31.0);
                Map<String, Object> result = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
                result.put("objectEncoding", 0.0);
                sendCommand(3, 0, "_result", txn, server, result);
            }
            case "releaseStream", "FCPublish" -> sendCommand(3, 0, "_result", txn, null, Amf0.UNDEFINED);
            case "createStream" -> sendCommand(3, 0, "_result", txn, null, 1.0);
            case "publish" -> publish(command.size() > 3 ? String.valueOf(command.get(3)) : "");
            case "play" -> {
                sendCommand(5, 1, "onStatus", 0, null, status("error", "NetStream.Play.Failed",
                        "This server only accepts publishing"));
                throw new EOFException();
            }
            case "FCUnpublish", "deleteStream", "closeStream" -> {
                if (publication != null) {
                    throw new EOFException();
                }
            }
            default -> {
                // _checkbw, getStreamLength, ...: not needed for publishing
            }
        }
    }

    private void publish(String streamName) throws IOException {
        String key = streamName;
        int query = key.indexOf('?');
        if (query >= 0) {
            key = key.substring(0, query);
        }
        String[] refusal = new String[1];
        RtmpIngestServer.Publication admitted = publication == null && connectedApp != null
                ? gate.admit(connectedApp, key, String.valueOf(socket.getRemoteSocketAddress()), refusal) : null;
        if (admitted == null) {
            String reason = refusal[0] != null ? refusal[0] : connectedApp == null ? "Not connected" : "Already publishing";
            sendCommand(5, 1, "onStatus", 0, null, status("error", "NetStream.Publish.BadName", reason));
            // once per connection: the connection ends here
            log.warn("RTMP ingest: refused a publisher from {} (key {}): {}", socket.getRemoteSocketAddress(),
                    printable(Secrets.mask(key)), reason);
            throw new EOFException();
        }
        publication = admitted;
        if (!ticket.publishing()) {
            throw new EOFException(); // cut off (deadline or eviction) while the key was checked
        }
        chunks.limits(limits.publishing());
        sendCommand(5, 1, "onStatus", 0, null, status("status", "NetStream.Publish.Start", "Publishing."));
        log.info("RTMP ingest: {} publishing from {}", publication.describe(), socket.getRemoteSocketAddress());
    }

    /** A stranger's key may hold line breaks or terminal escapes: none of them reach the log. */
    private static String printable(String text) {
        return text.codePoints().mapToObj(c -> Character.isISOControl(c) ? "?" : Character.toString(c))
                .collect(Collectors.joining());
    }

    private void media(int type, long timestamp, byte[] payload) throws IOException {
        if (publication == null || payload.length == 0) {
            return;
        }
        if (!flvHeaderWritten) {
            byte[] header = FlvTags.header(type != 18 || FlvTags.announcesAudio(payload));
            publication.write(header, 0, header.length);
            flvHeaderWritten = true;
        }
        byte[] tag = FlvTags.tag(type, timestamp, payload);
        publication.write(tag, 0, tag.length);
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("level", level);
        status.put("code", code);
        status.put("description", description);
        return status;
    }

    private int read24() throws IOException {
        return (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    }

    private void sendControl(int type, int value) throws IOException {
        send(2, 0, type, new byte[]{(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
    }

    private void sendPeerBandwidth() throws IOException {
        send(2, 0, 6, new byte[]{(byte) (WINDOW >> 24), (byte) (WINDOW >> 16), (byte) (WINDOW >> 8), (byte) WINDOW, 2});
    }

    private void sendCommand(int csid, int streamId, Object... values) throws IOException {
        send(csid, streamId, 20, Amf0.encode(values));
    }

    private void send(int csid, int streamId, int type, byte[] payload) throws IOException {
        out.write(csid & 0x3f);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(payload.length >> 16);
        out.write(payload.length >> 8);
        out.write(payload.length);
        out.write(type);
        out.write(streamId);
        out.write(streamId >> 8);
        out.write(streamId >> 16);
        out.write(streamId >> 24);
        for (int offset = 0; offset < payload.length; offset += OUT_CHUNK) {
            if (offset > 0) {
                out.write(0xC0 | (csid & 0x3f));
            }
            out.write(payload, offset, Math.min(OUT_CHUNK, payload.length - offset));
        }
        out.flush();
    }
}
