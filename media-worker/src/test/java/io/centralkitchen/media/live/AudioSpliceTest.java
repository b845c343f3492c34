package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Frames;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cut between two unrelated waves: played as they are, the jump is a click; spliced, the sound stays smooth. */
class AudioSpliceTest {

    private static final int RATE = 48_000;
    private static final int SAMPLES = 1024;

    /** 0.8 × sin of {@code hz} from sample {@code start}, with a phase: a source's sound. */
    private static AVFrame tone(double hz, double phase, long start) {
        AVFrame frame = Frames.silence(RATE, SAMPLES);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < SAMPLES; i++) {
                frame.data(c).putFloat((long) i * Float.BYTES, (float) (0.8 * Math.sin(phase + 2 * Math.PI * hz * (start + i) / RATE)));
            }
        }
        return frame;
    }

    private record Played(List<Float> left, List<Long> pts) {
        SlateClock.Sink sink() {
            return (frame, audio, programMillis) -> {
                for (int i = 0; i < frame.nb_samples(); i++) {
                    left.add(frame.data(0).getFloat((long) i * Float.BYTES));
                }
                pts.add(programMillis);
            };
        }

        double largestStep() {
            double largest = 0;
            for (int i = 1; i < left.size(); i++) {
                largest = Math.max(largest, Math.abs(left.get(i) - left.get(i - 1)));
            }
            return largest;
        }
    }

    /** Studio at 440 Hz for 5 frames, then a cut to the field at 523 Hz a quarter turn later, for 5 frames. */
    private static Played play(boolean spliced) {
        Played played = new Played(new ArrayList<>(), new ArrayList<>());
        try (AudioSplice splice = new AudioSplice()) {
            for (int n = 0; n < 10; n++) {
                if (n == 5 && spliced) {
                    splice.cut(played.sink());
                }
                AVFrame sound = n < 5 ? tone(440, 0.3, (long) n * SAMPLES) : tone(523, 0.3 + Math.PI / 2, (long) n * SAMPLES);
                try {
                    if (spliced) {
                        splice.offer(sound, n * 21L, played.sink());
                    } else {
                        played.sink().frame(sound, true, n * 21L);
                    }
                } finally {
                    Frames.free(sound);
                }
            }
            splice.cut(played.sink()); // the show ends: what is held is played
        }
        return played;
    }

    @Test
    void aCutFadesOneSourceOutAndTheNextInInsteadOfJumping() {
        Played hard = play(false);
        Played spliced = play(true);

        // the steepest a 523 Hz wave of 0.8 gets between two samples at 48 kHz is about 0.055
        assertThat(hard.largestStep()).as("played as they are, the cut jumps: a click").isGreaterThan(0.3);
        assertThat(spliced.largestStep()).as("spliced, no step is larger than the waves' own").isLessThan(0.08);
        assertThat(spliced.left()).as("every sample is played, none twice").hasSize(10 * SAMPLES);
        assertThat(spliced.pts()).as("in order").isSorted().hasSize(10);
        // the fade is short: 20 ms after the cut the field plays at full level again
        // (and the show's end fades out too)
        int afterFade = 5 * SAMPLES + RATE * 20 / 1000;
        int end = 10 * SAMPLES - RATE * AudioSplice.FADE_MILLIS / 1000;
        assertThat(spliced.left().subList(afterFade, end)).isEqualTo(hard.left().subList(afterFade, end));
        assertThat(spliced.left().subList(0, 5 * SAMPLES - RATE * AudioSplice.FADE_MILLIS / 1000))
                .isEqualTo(hard.left().subList(0, 5 * SAMPLES - RATE * AudioSplice.FADE_MILLIS / 1000));
    }
}
