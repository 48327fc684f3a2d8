package org.colloquy.benchmarks;

/**
 * A scenario of the benchmark that is a class of its own: made with what the run set up, run once; when it fails,
 * the benchmark reports the failure and the next scenario still runs. It holds the context and the two parts of it
 * every scenario uses on almost every line, the settings and the results.
 */
abstract class Scenario {

    protected final ScenarioContext context;
    protected final Settings settings;
    protected final Results results;

    Scenario(ScenarioContext context) {
        this.context = context;
        this.settings = context.settings();
        this.results = context.results();
    }

    abstract void run() throws Exception;
}
