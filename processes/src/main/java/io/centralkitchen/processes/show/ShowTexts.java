package io.centralkitchen.processes.show;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times read in tasks and posts: the station's local time (the server's time zone). */
public final class ShowTexts {

    private static final DateTimeFormatter AIR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter POST = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(ZoneId.systemDefault());

    private ShowTexts() {
    }

    public static String airTime(Instant airTime) {
        return AIR.format(airTime);
    }

    /** The show line of teasers and posts, e.g. "5月1日 20:00 直播". */
    public static String onAirLine(Instant airTime) {
        return POST.format(airTime) + " 直播";
    }
}
