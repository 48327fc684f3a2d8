package org.colloquy.persistence;

/**
 * The {@code limit … offset …} of a page query, written into the statement as numbers rather than bound as
 * parameters. Every service keeps its prepared statements (microprofile-config.properties), and once PostgreSQL
 * plans a kept statement generically it must guess a parameter's limit: it assumes a tenth of the table and, for the
 * article list at 100,000 rows, chose a parallel scan with two workers per request (pgbench: 2,600 tps against 15,900
 * with the numbers in the text). A page's numbers come from validated request parameters, never from text.
 */
public final class PageClause {

    public static String of(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative: " + limit + ", " + offset);
        }
        return " limit " + limit + " offset " + offset;
    }

    private PageClause() {
    }
}
