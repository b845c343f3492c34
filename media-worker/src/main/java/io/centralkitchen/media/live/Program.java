package io.centralkitchen.media.live;

/**
 * What a show's destinations are fed from, on one continuous timeline: its single ingest ({@link ProgramFeed}), or the
 * source a producer cut to among several ({@link SwitchedProgram}); the slate when there is none.
 */
interface Program extends AutoCloseable {

    void start();

    /** Runs {@code command} on the program thread, between two frames. */
    void execute(Runnable command);

    /** Program thread: a profile joins the program. */
    void attach(ProfileChannel channel);

    void detach(ProfileChannel channel);

    long programMillis();

    ProgramFeed.State state();

    /** Where the program comes from now (masked), null on the slate. */
    String ingestDescription();

    long switches();

    @Override
    void close();
}
