package io.centralkitchen.media.rtmp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chunk reader's caps: what a peer declares costs nothing until it is sent, and never more than the limits. */
class ChunkReaderTest {

    static final IngestLimits.Chunks BEFORE = IngestLimits.BEFORE_PUBLISH;

    static ChunkReader reader(ChunkWriter chunks, IngestLimits.Chunks limits) {
        return new ChunkReader(new DataInputStream(new ByteArrayInputStream(chunks.toByteArray())), limits);
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void aMessageInManyChunksIsReassembled() throws Exception {
        byte[] payload = random(1000);
        ChunkReader reader = reader(new ChunkWriter().message(3, 20, payload, 128), BEFORE);

        ChunkReader.Message message = reader.next();

        assertThat(message.type()).isEqualTo(20);
        assertThat(message.streamId()).isEqualTo(1);
        assertThat(message.payload()).isEqualTo(payload);
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void aDeclaredLengthReservesOnlyWhatArrives() throws Exception {
        ChunkReader reader = reader(new ChunkWriter().header(3, 60_000, 20).zeros(128).continuation(3).zeros(128), BEFORE);

        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);

        assertThat(reader.buffered()).as("two chunks of 128 bytes arrived of 60000 declared").isEqualTo(256);
    }

    @Test
    void aMessageLongerThanTheCapIsRefusedBeforeAnythingIsReserved() {
        ChunkReader reader = reader(new ChunkWriter().header(3, 0xFFFFFF, 9).zeros(128), BEFORE);

        assertThatThrownBy(reader::next).isInstanceOf(ChunkReader.LimitExceeded.class)
                .hasMessage("RTMP message of 16777215 bytes (at most 65536)");
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void theNumberOfChunkStreamsIsCapped() {
        ChunkWriter chunks = new ChunkWriter();
        for (int csid = 100; csid < 100 + BEFORE.maxChunkStreams() + 1; csid++) {
            chunks.header(csid, 1000, 9).zeros(128);
        }
        ChunkReader reader = reader(chunks, BEFORE);

        assertThatThrownBy(reader::next).isInstanceOf(ChunkReader.LimitExceeded.class)
                .hasMessage("More than 16 RTMP chunk streams");
        assertThat(reader.buffered()).isEqualTo(128L * BEFORE.maxChunkStreams());
    }

    @Test
    void theBytesOfUnfinishedMessagesAreCappedAcrossChunkStreams() {
        IngestLimits.Chunks limits = new IngestLimits.Chunks(128, 1024, 16, 2048);
        ChunkWriter chunks = new ChunkWriter();
        for (int csid = 3; csid < 8; csid++) {
            chunks.header(csid, 1000, 9).zeros(128);
        }
        for (int round = 0; round < 7; round++) {
            for (int csid = 3; csid < 8; csid++) {
                chunks.continuation(csid).zeros(128);
            }
        }
        ChunkReader reader = reader(chunks, limits);

        assertThatThrownBy(reader::next).isInstanceOf(ChunkReader.LimitExceeded.class)
                .hasMessage("More than 2048 bytes of unfinished RTMP messages");
        assertThat(reader.buffered()).isLessThanOrEqualTo(2048);
    }

    @Test
    void aChunkSizeAboveTheCapIsRefusedBeforePublish() {
        ChunkReader reader = reader(new ChunkWriter().setChunkSize(1 << 20), BEFORE);

        assertThatThrownBy(reader::next).isInstanceOf(ChunkReader.LimitExceeded.class)
                .hasMessage("RTMP chunk size 1048576 (at most 65536)");
    }

    @Test
    void anAdmittedPublisherGetsTheLargerCaps() throws Exception {
        byte[] keyframe = random(3 * 1024 * 1024);
        ChunkReader reader = reader(new ChunkWriter().setChunkSize(0x7fffffff).message(6, 9, keyframe, 0xFFFFFF),
                BEFORE);
        reader.limits(IngestLimits.PUBLISHING);

        ChunkReader.Message message = reader.next();

        assertThat(reader.chunkSize()).as("sizes past 0xFFFFFF are all equivalent").isEqualTo(0xFFFFFF);
        assertThat(message.payload()).isEqualTo(keyframe);
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void anAbortReleasesTheUnfinishedMessage() throws Exception {
        byte[] command = random(50);
        ChunkReader reader = reader(new ChunkWriter().header(6, 10_000, 9).zeros(128)
                .message(2, 2, new byte[]{0, 0, 0, 6}, 128).message(3, 20, command, 128), BEFORE);

        ChunkReader.Message message = reader.next();

        assertThat(message.payload()).isEqualTo(command);
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void aNewHeaderInTheMiddleOfAMessageAbandonsIt() throws Exception {
        byte[] command = random(50);
        ChunkReader reader = reader(new ChunkWriter().header(3, 10_000, 20).zeros(128).message(3, 20, command, 128),
                BEFORE);

        assertThat(reader.next().payload()).isEqualTo(command);
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void amfFromAStrangerAllocatesNothingItDoesNotHave() {
        byte[] longString = {12, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
        byte[] deep = new byte[4 * 1000];
        for (int i = 0; i < deep.length; i += 4) {
            deep[i] = 3;
            deep[i + 2] = 1;
            deep[i + 3] = 'k';
        }

        assertThatThrownBy(() -> Amf0.decodeAll(longString)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AMF0 string of 2147483647 bytes in 1");
        assertThatThrownBy(() -> Amf0.decodeAll(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AMF0 nested deeper than 16");
        assertThat(Amf0.decodeAll(Amf0.encode("connect", 1.0, java.util.Map.of("app", "live"))))
                .isEqualTo(List.of("connect", 1.0, java.util.Map.of("app", "live")));
    }
}
