package io.centralkitchen.processes.integration;

import io.centralkitchen.processes.aftersales.AfterSalesIntake;
import io.centralkitchen.processes.orders.PlatformComments;
import io.centralkitchen.processes.orders.PlatformOrders;
import io.centralkitchen.processes.platform.StationService;
import io.centralkitchen.routes.webhook.PlatformEvent;
import io.centralkitchen.routes.webhook.PlatformEventSink;
import org.springframework.stereotype.Component;

/**
 * Where verified webhook events land in the application (inside the transaction that records their event id):
 * orders into the order book, refunds and complaints into after-sales, comments into the comment log.
 */
@Component
public class PlatformEventIntake implements PlatformEventSink {

    private final StationService stations;
    private final PlatformOrders orders;
    private final PlatformComments comments;
    private final AfterSalesIntake afterSales;

    public PlatformEventIntake(StationService stations, PlatformOrders orders, PlatformComments comments, AfterSalesIntake afterSales) {
        this.stations = stations;
        this.orders = orders;
        this.comments = comments;
        this.afterSales = afterSales;
    }

    @Override
    public boolean knowsStation(String stationId) {
        return stations.find(stationId).isPresent();
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
        }
    }
}
