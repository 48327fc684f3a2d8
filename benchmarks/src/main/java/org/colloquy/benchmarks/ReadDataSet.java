package org.colloquy.benchmarks;

/**
 * The read data set, made once for the read path and the closed model, whichever runs first: seeded articles and
 * comments, the reader's follows of half the seeded authors, and fresh planner statistics (after the write path's
 * posts too). Seeding takes minutes; a run with only one of the two scenarios still gets it.
 */
final class ReadDataSet {

    private final Settings settings;
    private final Results results;
    private final BenchmarkPlatform platform;
    private final Http http;
    private final UsersAndArticles users;
    private boolean seeded;

    ReadDataSet(Settings settings, Results results, BenchmarkPlatform platform, Http http, UsersAndArticles users) {
        this.settings = settings;
        this.results = results;
        this.platform = platform;
        this.http = http;
        this.users = users;
    }

    void ensureSeeded() {
        if (seeded) {
            return;
        }
        // the reader follows the author through the API, as a user would (the follow reaches the replicas by
        // user.events): from now on each article the author posts notifies the reader too. Not before the write
        // path, whose figures stay comparable with earlier reports.
        http.call("POST", platform.gateway() + "/api/profiles/" + users.authorName() + "/follow",
                users.readerToken(), null);
        Seeding.seed(platform.databases(), platform.config(), settings.articles(), settings.comments(), results);
        Seeding.follow(platform.databases(), platform.config(), users.readerId());
        Seeding.analyze(platform.databases(), platform.config(), results);
        seeded = true;
    }
}
