package io.centralkitchen.processes.show.figures;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures' arithmetic on its own: ties, the room closing at the live end, cancelled reservations, many samples. */
class FigureMathTest {

    static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    static FigureMath.Event e(String platform, FigureMath.Kind kind, int second, long value, long seq) {
        return new FigureMath.Event(platform, kind, T0.plusSeconds(second), value, null, null, seq);
    }

    @Test
    void samplesOfTheSameTimeCountInArrivalOrderAndTheRoomClosesAtTheEnd() {
        FigureMath.Window slot = new FigureMath.Window("slot-1", T0, T0.plusSeconds(100));
        FigureMath.Window after = new FigureMath.Window("after", T0.plusSeconds(100), null);
        FigureMath math = new FigureMath(List.of(slot, after), List.of(
                e("p", FigureMath.Kind.VIEWERS, 50, 10, 2), e("p", FigureMath.Kind.VIEWERS, 50, 30, 3),
                e("p", FigureMath.Kind.VIEWERS, 0, 20, 1),
                e("p", FigureMath.Kind.RESERVATIONS, 10, 100, 4), e("p", FigureMath.Kind.RESERVATIONS, 90, 95, 5)),
                T0.plusSeconds(100));
        FigureMath.Figures f = math.figures(slot, "p");
        // 20 for 50 s, then 30 (the later of the two samples at 50 s) for 50 s
        assertThat(f.avgViewers()).isEqualByComparingTo("25.00");
        assertThat(f.peakViewers()).isEqualTo(30);
        assertThat(f.reservations()).as("100 reserved, 5 cancelled").isEqualTo(95);
        assertThat(math.figures(after, "p").peakViewers()).as("no one watches live after the end").isZero();
        assertThat(math.figures(after, "p").avgViewers()).isNull();
    }

    @Test
    void aLongShowsManySamplesAreExact() {
        List<FigureMath.Event> samples = new ArrayList<>();
        for (int s = 0; s < 200_000; s++) {
            samples.add(e("p", FigureMath.Kind.VIEWERS, s, s % 2 == 0 ? 100 : 300, s));
        }
        FigureMath.Window show = new FigureMath.Window("slot-1", T0, T0.plusSeconds(200_000));
        FigureMath.Figures f = new FigureMath(List.of(show), samples).figures(show, FigureMath.ALL);
        assertThat(f.avgViewers()).isEqualByComparingTo(new BigDecimal("200.00"));
        assertThat(f.peakViewers()).isEqualTo(300);
    }
}
