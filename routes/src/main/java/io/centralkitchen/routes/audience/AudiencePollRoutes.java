package io.centralkitchen.routes.audience;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The audience of live rooms whose platform offers it only by polling. {@code audience-poll}: every
 * {@code kitchen.audience-poll.period} (default 30 s) the application's live rooms, one by one to
 * {@code audience-poll-room}: ask the platform ({@link ViewerCountReader}), record the count with the time it was
 * asked. A room whose platform does not answer is skipped until the next poll (one line in the log); it never stops
 * the others. {@code kitchen.audience-poll.enabled=false} switches the poll off.
 */
public class AudiencePollRoutes extends RouteBuilder {

    public static final String ROOM = "direct:audience-poll-room";
    static final String ASKED_AT = "kitchenAudienceAskedAt";
    private static final Logger log = LoggerFactory.getLogger(AudiencePollRoutes.class);

    private final AudiencePoll poll;
    private final ViewerCountReader reader;
    private final Clock clock;

    public AudiencePollRoutes(AudiencePoll poll, ViewerCountReader reader, Clock clock) {
        this.poll = poll;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from("timer:audience-poll?period={{kitchen.audience-poll.period:30000}}&delay={{kitchen.audience-poll.delay:30000}}")
                .routeId("audience-poll").autoStartup("{{kitchen.audience-poll.enabled:true}}")
                .process(e -> e.getMessage().setBody(poll.rooms())).id("live-rooms")
                .split(body())
                    .to(ROOM).id("poll-room")
                .end();

        from(ROOM).routeId("audience-poll-room")
                .onException(Exception.class).handled(true)
                    .process(AudiencePollRoutes::skipped)
                .end()
                .process(this::ask).id("ask-platform")
                .filter(header("kitchenViewers").isNotNull())
                    .process(e -> poll.record(e.getMessage().getBody(AudiencePoll.LiveRoom.class),
                            e.getProperty(ASKED_AT, Instant.class), e.getMessage().getHeader("kitchenViewers", Long.class)))
                    .id("record-viewers")
                .end();
    }

    private void ask(Exchange exchange) throws Exception {
        AudiencePoll.LiveRoom room = exchange.getMessage().getBody(AudiencePoll.LiveRoom.class);
        exchange.setProperty(ASKED_AT, clock.instant());
        OptionalLong viewers = reader.concurrentViewers(room);
        exchange.getMessage().setHeader("kitchenViewers", viewers.isPresent() ? viewers.getAsLong() : null);
    }

    private static void skipped(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        AudiencePoll.LiveRoom room = exchange.getMessage().getBody(AudiencePoll.LiveRoom.class);
        log.warn("Audience of {}/{} (show {}) not polled this time: {}", room == null ? "?" : room.stationId(),
                room == null ? "?" : room.platform(), room == null ? "?" : room.showId(), failure == null ? "?" : failure.toString());
    }
}
