package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.orders.PlatformOrders;
import io.centralkitchen.routes.engine.EngineBridge;
import io.centralkitchen.routes.webhook.PlatformEvent;
import org.springframework.stereotype.Service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns platform events into after-sales work, in the webhook's transaction: a complaint, or a refund the customer
 * asked for without one, opens a case (row + process start through the engine bridge); complaint updates and survey
 * answers are correlated to the running case by its reference, and retried by the bridge while the case is not there
 * yet (an update that overtook its complaint) or not waiting yet.
 */
@Service
public class AfterSalesIntake {

    public static final String COMPLAINT_UPDATED = "after-sales-complaint-updated";
    public static final String SURVEY_ANSWERED = "after-sales-survey-answered";

    private final AfterSalesCases cases;
    private final PlatformOrders orders;
    private final EngineBridge engine;

    public AfterSalesIntake(AfterSalesCases cases, PlatformOrders orders, EngineBridge engine) {
        this.cases = cases;
        this.orders = orders;
        this.engine = engine;
    }

    public static String complaintCaseRef(String platform, String complaintId) {
        return platform + ":complaint:" + complaintId;
    }

    public static String refundCaseRef(String platform, String orderId) {
        return platform + ":refund:" + orderId;
    }

    public void complaintOpened(PlatformEvent event) {
        PlatformEvent.Complaint c = event.complaint();
        Optional<PlatformOrders.Order> order = orders.find(event.station(), event.platform(), c.orderId());
        Long productId = c.productId() != null ? c.productId() : order.map(PlatformOrders.Order::productId).orElse(null);
        open(new AfterSalesCases.NewCase(event.station(), complaintCaseRef(event.platform(), c.complaintId()), event.platform(),
                "COMPLAINT", c.complaintId(), c.orderId(), productId, cases.supplierOf(event.station(), productId).orElse(null),
                c.reasonCode(), c.description(), order.map(PlatformOrders.Order::amount).orElse(null)));
    }

    /**
     * A refund opens a case only when no case exists for the order: refunds that follow a complaint (or our own
     * resolution) belong to that case.
     */
    public void refunded(PlatformEvent event) {
        PlatformEvent.Order o = event.order();
        if (cases.existsForOrder(event.station(), event.platform(), o.orderId())) {
            return;
        }
        open(new AfterSalesCases.NewCase(event.station(), refundCaseRef(event.platform(), o.orderId()), event.platform(), "REFUND",
                o.orderId(), o.orderId(), o.productId(), cases.supplierOf(event.station(), o.productId()).orElse(null),
                o.refundReason() == null ? "refund" : o.refundReason(), "Refund requested on " + event.platform(), o.amount()));
    }

    public void complaintUpdated(PlatformEvent event) {
        String caseRef = complaintCaseRef(event.platform(), event.complaint().complaintId());
        if (cases.state(event.station(), caseRef).filter("CLOSED"::equals).isPresent()) {
            cases.customerUpdate(event.station(), caseRef);
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("latestCustomerUpdate", event.complaint().description());
        engine.correlateMessage(event.station(), COMPLAINT_UPDATED, caseRef, variables, event.platform() + ":" + event.eventId());
    }

    public void surveyAnswered(PlatformEvent event) {
        PlatformEvent.SurveyAnswer answer = event.survey();
        if (cases.state(event.station(), answer.caseRef()).filter("CLOSED"::equals).isPresent()) {
            cases.lateSatisfaction(event.station(), answer.caseRef(), answer.score(), answer.remark());
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("satisfactionScore", answer.score());
        variables.put("satisfactionRemark", answer.remark());
        engine.correlateMessage(event.station(), SURVEY_ANSWERED, answer.caseRef(), variables, event.platform() + ":" + event.eventId());
    }

    private void open(AfterSalesCases.NewCase c) {
        if (cases.state(c.stationId(), c.caseRef()).isPresent()) {
            return;
        }
        long caseId = cases.open(c);
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", caseId);
        variables.put("caseRef", c.caseRef());
        variables.put("platform", c.platform());
        variables.put("origin", c.origin());
        variables.put("ticketId", c.ticketId());
        variables.put("orderId", c.orderId());
        variables.put("productId", c.productId());
        variables.put("supplierId", c.supplierId());
        variables.put("reasonCode", c.reasonCode());
        variables.put("description", c.description());
        variables.put("orderAmount", c.orderAmount() == null ? 0.0 : c.orderAmount().doubleValue());
        variables.put("confirmed", false);
        variables.put("severe", false);
        engine.startProcess(c.stationId(), AfterSalesCases.PROCESS_KEY, c.caseRef(), variables);
    }
}
