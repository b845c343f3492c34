package io.centralkitchen.routes;

import io.centralkitchen.routes.engine.CamundaEngineDelivery;
import io.centralkitchen.routes.engine.EngineDelivery;
import io.centralkitchen.routes.engine.EngineInbox;
import io.centralkitchen.routes.engine.EngineInboxDispatcher;
import io.centralkitchen.routes.engine.EngineInboxProperties;
import io.centralkitchen.routes.engine.EngineInboxRoutes;
import io.centralkitchen.routes.platform.PlatformAccounts;
import io.centralkitchen.routes.platform.PlatformAdapters;
import io.centralkitchen.routes.platform.PlatformCaller;
import io.centralkitchen.routes.platform.PlatformProperties;
import io.centralkitchen.routes.platform.PlatformRoutes;
import io.centralkitchen.routes.platform.PropertiesPlatformAccounts;
import io.centralkitchen.routes.webhook.PlatformEventParser;
import io.centralkitchen.routes.webhook.PlatformEventSink;
import io.centralkitchen.routes.webhook.WebhookController;
import io.centralkitchen.routes.webhook.WebhookEdgeFilter;
import io.centralkitchen.routes.webhook.WebhookProperties;
import io.centralkitchen.routes.webhook.WebhookReceipts;
import io.centralkitchen.routes.webhook.WebhookRoutes;
import io.centralkitchen.routes.webhook.WebhookVerifier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The Camel side of Central Kitchen: platform adapters and their outbound routes, inbound webhooks (when the
 * application provides a {@link PlatformEventSink}), and the engine inbox behind the {@code EngineBridge}.
 */
@AutoConfiguration
@EnableConfigurationProperties({PlatformProperties.class, WebhookProperties.class, EngineInboxProperties.class})
public class RoutesAutoConfiguration {

    private static final Clock CLOCK = Clock.systemUTC();

    // --- the audience of live rooms whose platform is polled (when the application says which rooms) ---

    @Bean
    @ConditionalOnBean(io.centralkitchen.routes.audience.AudiencePoll.class)
    public io.centralkitchen.routes.audience.AudiencePollRoutes audiencePollRoutes(io.centralkitchen.routes.audience.AudiencePoll poll,
                                                                                   PlatformAccounts accounts) {
        return new io.centralkitchen.routes.audience.AudiencePollRoutes(poll,
                new io.centralkitchen.routes.audience.ViewerCountReader(accounts), CLOCK);
    }

    // --- the stations' platform accounts and their adapters ---

    /** The bootstrap: {@code kitchen.platforms.*} as the first station's accounts, until the application has its own. */
    @Bean
    @ConditionalOnMissingBean(PlatformAccounts.class)
    public PropertiesPlatformAccounts platformAccounts(PlatformProperties properties,
                                                       @Value("${kitchen.station.id:station-1}") String firstStation) {
        return new PropertiesPlatformAccounts(properties, firstStation);
    }

    @Bean
    @ConditionalOnMissingBean
    public PlatformRoutes platformRoutes(CamelContext camelContext) {
        return new PlatformRoutes(camelContext);
    }

    @Bean
    @ConditionalOnMissingBean
    public PlatformCaller platformCaller(ProducerTemplate producerTemplate, PlatformRoutes routes) {
        return new PlatformCaller(producerTemplate, routes);
    }

    @Bean
    @ConditionalOnMissingBean
    public PlatformAdapters platformAdapters(PlatformAccounts accounts, PlatformCaller caller) {
        return new PlatformAdapters(accounts, caller);
    }

    // --- the bridge into the engine ---

    @Bean
    @ConditionalOnMissingBean
    public EngineInbox engineInbox(JdbcTemplate jdbc) {
        return new EngineInbox(jdbc, CLOCK);
    }

    @Bean
    @ConditionalOnMissingBean
    public EngineDelivery engineDelivery(ObjectProvider<RuntimeService> runtimeService) {
        return new CamundaEngineDelivery(runtimeService);
    }

    @Bean
    @ConditionalOnMissingBean
    public EngineInboxDispatcher engineInboxDispatcher(EngineInbox inbox, EngineDelivery delivery,
                                                       PlatformTransactionManager transactionManager,
                                                       EngineInboxProperties properties) {
        return new EngineInboxDispatcher(inbox, delivery, new TransactionTemplate(transactionManager), properties, CLOCK);
    }

    @Bean
    public EngineInboxRoutes engineInboxRoutes(EngineInboxDispatcher dispatcher, EngineInboxProperties properties) {
        return new EngineInboxRoutes(dispatcher, properties);
    }

    // --- inbound: webhooks ---

    @Bean
    @ConditionalOnMissingBean
    public WebhookVerifier webhookVerifier(PlatformAccounts accounts, WebhookProperties webhooks) {
        return new WebhookVerifier(accounts, webhooks, CLOCK);
    }

    @Bean
    @ConditionalOnMissingBean
    public PlatformEventParser platformEventParser() {
        return new PlatformEventParser(CLOCK);
    }

    @Bean
    @ConditionalOnMissingBean
    public WebhookReceipts webhookReceipts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new WebhookReceipts(jdbc, transactionManager, CLOCK);
    }

    @Bean
    @ConditionalOnBean(PlatformEventSink.class)
    public WebhookRoutes webhookRoutes(WebhookVerifier verifier, PlatformEventParser parser, WebhookReceipts receipts,
                                       PlatformEventSink sink, WebhookProperties properties) {
        return new WebhookRoutes(verifier, parser, receipts, sink, properties);
    }

    @Bean
    @ConditionalOnBean(PlatformEventSink.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public WebhookController webhookController(ProducerTemplate producerTemplate, WebhookProperties properties) {
        return new WebhookController(producerTemplate, properties);
    }

    /** Refuses what is not JSON or too large before anything reads it (multipart, forms, JSON parsing, security). */
    @Bean
    @ConditionalOnBean(PlatformEventSink.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public FilterRegistrationBean<WebhookEdgeFilter> webhookEdgeFilter(WebhookProperties properties) {
        FilterRegistrationBean<WebhookEdgeFilter> registration = new FilterRegistrationBean<>(new WebhookEdgeFilter(properties));
        registration.addUrlPatterns(WebhookEdgeFilter.PATH);
        registration.setOrder(WebhookEdgeFilter.ORDER);
        return registration;
    }
}
