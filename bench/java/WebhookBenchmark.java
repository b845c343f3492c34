import io.centralkitchen.processes.CentralKitchenApplication;
import io.centralkitchen.routes.engine.EngineInbox;
import io.centralkitchen.routes.webhook.WebhookSignature;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * webhook_events_per_s: signed order events accepted, deduplicated and applied (orders; refunds also start an
 * after-sales case through the engine inbox) per second, with 10 % redeliveries mixed in. Every order gets created,
 * paid and shipped events, 5 % also a refund; each client sends its own orders' events in order, as a platform does
 * per order, and redelivers one of its earlier events after every tenth. Reference in the same run: deliveries with a
 * bad signature (refused before any database work), i.e. the HTTP + Camel floor of the same endpoint, measured in
 * rounds alternating with the accepted ones; {@code accepted_ratio_vs_refused} is the median of the rounds' ratios.
 * Afterwards it checks that every distinct event had exactly one effect.
 */
public class WebhookBenchmark {

    static final String SECRET = "bench-webhook-secret-0001";
    static final String STATION = "station-1";

    public static void main(String[] args) throws Exception {
        String dataDir = args[0];
        int orders = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class).run(
                "--server.port=0", "--kitchen.data-dir=" + dataDir, "--kitchen.admin.password=bench-admin-password",
                "--kitchen.platforms.douyin.webhook-secret=" + SECRET, "--logging.level.root=warn",
                "--logging.level.io.centralkitchen=warn", "--server.tomcat.threads.max=64");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Bench bench = new Bench(port, clients);
            bench.run("warm", 300, false);
            bench.reference(600);
            // accepted and refused side by side: alternating rounds, so a machine shared with other work cannot
            // favour one of them; the ratio is the median of the rounds'
            int rounds = Integer.getInteger("bench.rounds", 4);
            Result result = new Result();
            List<Double> refusedRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double refused = bench.reference(3000 / rounds);
                Result part = bench.run("bench-r" + round, orders / rounds, true);
                double accepted = part.distinct / (part.nanos / 1e9);
                System.out.printf("# round %d: refused %.0f/s, accepted %.0f/s, ratio %.2f (load %s)%n", round, refused,
                        accepted, accepted / refused, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
                refusedRates.add(refused);
                ratios.add(accepted / refused);
                result.merge(part);
            }
            double reference = median(refusedRates);
            long drainStart = System.nanoTime();
            EngineInbox inbox = app.getBean(EngineInbox.class);
            while (inbox.count(EngineInbox.PENDING) > 0 && System.nanoTime() - drainStart < 120_000_000_000L) {
                Thread.sleep(20);
            }
            double seconds = (result.nanos + (System.nanoTime() - drainStart)) / 1e9;
            String verified = verify(app, result);
            System.out.println("orders=" + orders);
            System.out.println("clients=" + clients);
            System.out.println("distinct_events=" + result.distinct);
            System.out.println("redeliveries=" + result.redeliveries);
            System.out.println("cases_started=" + result.refunds);
            System.out.println("retried_answers=" + result.retried.get());
            System.out.println("latency_p50_ms=" + result.percentile(0.50));
            System.out.println("latency_p99_ms=" + result.percentile(0.99));
            System.out.println("reference_refused_per_s=" + Math.round(reference));
            System.out.println("webhook_events_per_s=" + Math.round(result.distinct / seconds));
            System.out.println("exactly_once=" + verified);
            System.out.println("accepted_ratio_vs_refused_rounds=" + ratios.stream().map(r -> String.format("%.2f", r)).toList()
                    .toString().replace(" ", ""));
            System.out.println("accepted_ratio_vs_refused=" + String.format("%.2f", median(ratios)));
        } finally {
            app.close();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String verify(ConfigurableApplicationContext app, Result result) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        int receipts = jdbc.queryForObject("select count(*) from webhook_receipt where event_id like 'bench-%'", Integer.class);
        int applied = jdbc.queryForObject("select coalesce(sum(event_count), 0) from platform_order where order_id like 'bench-%'", Integer.class);
        int wrongOrders = jdbc.queryForObject("select count(*) from platform_order where order_id like 'bench-%' and"
                + " not ((state = 'SHIPPED' and event_count = 3) or (state = 'REFUNDED' and event_count = 4))", Integer.class);
        int cases = jdbc.queryForObject("select count(*) from after_sales_case where order_id like 'bench-%'", Integer.class);
        long instances = app.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
                .processDefinitionKey("after-sales-case").processInstanceBusinessKeyLike("douyin:refund:bench-%").count();
        boolean ok = receipts == result.distinct && applied == result.distinct && wrongOrders == 0 && cases == result.refunds
                && instances == result.refunds && result.duplicatesAnswered.get() == result.redeliveries;
        if (!ok) {
            System.out.println("receipts=" + receipts + " applied=" + applied + " wrong_orders=" + wrongOrders + " cases=" + cases
                    + " instances=" + instances + " duplicates_answered=" + result.duplicatesAnswered.get());
        }
        return Boolean.toString(ok);
    }

    static final class Result {
        long nanos;
        int distinct;
        int redeliveries;
        int refunds;
        final AtomicLong retried = new AtomicLong();
        final AtomicLong duplicatesAnswered = new AtomicLong();
        final List<Long> latencies = new ArrayList<>();

        synchronized void add(List<Long> some) {
            latencies.addAll(some);
        }

        /** Adds a round's figures to these (times add up: the rounds' sending time). */
        void merge(Result round) {
            nanos += round.nanos;
            distinct += round.distinct;
            redeliveries += round.redeliveries;
            refunds += round.refunds;
            retried.addAndGet(round.retried.get());
            duplicatesAnswered.addAndGet(round.duplicatesAnswered.get());
            add(round.latencies);
        }

        long percentile(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? 0 : Math.round(sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6);
        }
    }

    static final class Bench {
        final int port;
        final int clients;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Bench(int port, int clients) {
            this.port = port;
            this.clients = clients;
        }

        Result run(String prefix, int orders, boolean refunds) throws Exception {
            Result result = new Result();
            List<List<String>> perClient = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                perClient.add(new ArrayList<>());
            }
            for (int o = 0; o < orders; o++) {
                String order = prefix + "-o" + o;
                List<String> events = perClient.get(o % clients);
                events.add(event(prefix + "-e" + o + "-created", "order.created", order));
                events.add(event(prefix + "-e" + o + "-paid", "order.paid", order));
                events.add(event(prefix + "-e" + o + "-shipped", "order.shipped", order));
                result.distinct += 3;
                if (refunds && o % 20 == 7) {
                    events.add(event(prefix + "-e" + o + "-refunded", "order.refunded", order));
                    result.distinct++;
                    result.refunds++;
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<Integer>> sent = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<String> events = perClient.get(c);
                long seed = c;
                sent.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    List<Long> latencies = new ArrayList<>();
                    int redelivered = 0;
                    for (int i = 0; i < events.size(); i++) {
                        deliver(events.get(i), result, latencies);
                        if (i % 10 == 9) {
                            deliver(events.get(random.nextInt(i + 1)), result, latencies);
                            redelivered++;
                        }
                    }
                    result.add(latencies);
                    return redelivered;
                }));
            }
            for (Future<Integer> f : sent) {
                result.redeliveries += f.get();
            }
            result.nanos = System.nanoTime() - start;
            pool.shutdown();
            return result;
        }

        /** Bad signatures: the same endpoint, refused before any database work. */
        double reference(int requests) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            String body = event("ref-e", "order.paid", "ref-o");
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requests / clients; i++) {
                        int status = send(body, "sha256=" + "0".repeat(64));
                        if (status != 401) {
                            throw new IllegalStateException("reference request answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            return (requests / clients * clients) / ((System.nanoTime() - start) / 1e9);
        }

        void deliver(String body, Result result, List<Long> latencies) throws Exception {
            for (int attempt = 0; attempt < 20; attempt++) {
                long t0 = System.nanoTime();
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                HttpResponse<String> answer = http.send(request(body, timestamp,
                        WebhookSignature.sign(SECRET, timestamp, STATION, body.getBytes(StandardCharsets.UTF_8))), HttpResponse.BodyHandlers.ofString());
                latencies.add(System.nanoTime() - t0);
                if (answer.statusCode() == 202) {
                    return;
                }
                if (answer.statusCode() == 200 && answer.body().contains("duplicate")) {
                    result.duplicatesAnswered.incrementAndGet();
                    return;
                }
                if (answer.statusCode() != 409 && answer.statusCode() != 503) {
                    throw new IllegalStateException("answered " + answer.statusCode() + ": " + answer.body());
                }
                result.retried.incrementAndGet();   // as a platform would: deliver again
            }
            throw new IllegalStateException("not accepted after 20 attempts: " + body);
        }

        int send(String body, String signature) throws Exception {
            return http.send(request(body, Long.toString(Instant.now().getEpochSecond()), signature),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        HttpRequest request(String body, String timestamp, String signature) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/douyin/" + STATION))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, timestamp).header(WebhookSignature.SIGNATURE_HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        static String event(String eventId, String type, String order) {
            return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                    + "\",\"order\":{\"orderId\":\"" + order + "\",\"amount\":\"59.90\",\"currency\":\"CNY\",\"quantity\":1,"
                    + "\"showRef\":\"bench-show\"}}";
        }
    }

}
