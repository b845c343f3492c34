package io.centralkitchen.routes.engine;

import java.util.Map;

/**
 * The thin bridge from integration code to the engine. Calls only record the work, in the caller's transaction
 * (together with whatever caused it); the {@link EngineInboxDispatcher} delivers it after commit and retries with
 * backoff while the engine is not ready for it — no process definition for the station yet, or no execution waiting
 * for the message yet (an answer that overtook the process). Each piece of work is delivered once (its dedupe key).
 * <p>
 * Variables must be simple values (strings, numbers, booleans): they travel as JSON.
 */
public interface EngineBridge {

    /** Starts {@code processKey} in {@code station} with {@code businessKey}; once per station, process and business key. */
    void startProcess(String station, String processKey, String businessKey, Map<String, Object> variables);

    /**
     * Correlates {@code messageName} to the station's process instances with {@code businessKey}; once per
     * {@code dedupeKey} (e.g. the platform event id).
     */
    void correlateMessage(String station, String messageName, String businessKey, Map<String, Object> variables,
                          String dedupeKey);
}
