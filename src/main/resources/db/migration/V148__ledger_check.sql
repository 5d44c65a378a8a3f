-- The last ledger check of each village (LedgerVerifier run by ledger.LedgerChecks in the background): the anomaly
-- flag chain-broken reads it, so that no dashboard request recomputes a town's whole posting history.
CREATE TABLE ledger_check (
    village_id    bigint      PRIMARY KEY REFERENCES village (id),
    checked_at    timestamptz NOT NULL,
    ok            boolean     NOT NULL,
    households    int         NOT NULL,
    postings      int         NOT NULL,
    problems      int         NOT NULL,
    first_problem text
);
