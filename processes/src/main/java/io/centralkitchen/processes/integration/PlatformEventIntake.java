package io.centralkitchen.processes.integration;

import io.centralkitchen.processes.aftersales.AfterSalesIntake;
import io.centralkitchen.processes.commerce.PromotionResults;
import io.centralkitchen.processes.orders.PlatformComments;
import io.centralkitchen.processes.orders.PlatformOrders;
import io.centralkitchen.processes.station.StationService;
import io.centralkitchen.processes.show.ShowReservations;
import io.centralkitchen.processes.show.ShowFigureEvents;
import io.centralkitchen.routes.webhook.PlatformEvent;
import io.centralkitchen.routes.webhook.PlatformEventSink;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where verified webhook events land in the application (inside the transaction that records their event id):
 * orders into the order book, refunds and complaints into after-sales, comments into the comment log, reservation
 * counts onto the show, promotion results into the promotions' figures; and whatever tells a show's audience and
 * sales into the show's figures.
 */
@Component
public class PlatformEventIntake implements PlatformEventSink {

    private final StationService stations;
    private final PlatformOrders orders;
    private final PlatformComments comments;
    private final AfterSalesIntake afterSales;
    private final ShowReservations reservations;
    private final PromotionResults promotionResults;
    private final ShowFigureEvents figures;
    private final Set<String> knownStations = ConcurrentHashMap.newKeySet();

    public PlatformEventIntake(StationService stations, PlatformOrders orders, PlatformComments comments, AfterSalesIntake afterSales,
                               ShowReservations reservations, PromotionResults promotionResults, ShowFigureEvents figures) {
        this.promotionResults = promotionResults;
        this.stations = stations;
        this.figures = figures;
        this.reservations = reservations;
        this.orders = orders;
        this.comments = comments;
        this.afterSales = afterSales;
    }

    /** Stations are never removed, so a station once found is remembered; unknown ones are looked up every time. */
    @Override
    public boolean knowsStation(String stationId) {
        if (knownStations.contains(stationId)) {
            return true;
        }
        boolean known = stations.find(stationId).isPresent();
        if (known) {
            knownStations.add(stationId);
        }
        return known;
    }

    @Override
    public void accept(PlatformEvent event) {
        switch (event.type()) {
            case ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED -> orders.apply(event);
            case ORDER_REFUNDED -> {
                orders.apply(event);
                afterSales.refunded(event);
            }
            case COMPLAINT_OPENED -> afterSales.complaintOpened(event);
            case COMPLAINT_UPDATED -> afterSales.complaintUpdated(event);
            case COMMENT_CREATED -> comments.record(event);
            case SURVEY_ANSWERED -> afterSales.surveyAnswered(event);
            case RESERVATION_UPDATED -> reservations.record(event);
            case PROMOTION_RESULT -> promotionResults.record(event);
            case VIEWERS_SAMPLED, LIKES_ADDED -> { }
        }
        figures.record(event);
    }
}
