package io.centralkitchen.processes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Central Kitchen: the Camunda engine with its REST API and webapps, the BPMN/DMN/forms of the central-kitchen flow,
 * the domain, and — through their auto-configurations — storage, the media worker and the Camel routes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CentralKitchenApplication {

    public static void main(String[] args) {
        SpringApplication.run(CentralKitchenApplication.class, args);
    }
}
