-- Functions and triggers every area shares. Repeatable (R__): Flyway runs an R__ file again whenever its text
-- changes, always after the versioned migrations (V*: tables, types and data changes), and runs the R__ files in the
-- order of their names. The other R__ files name jifen_refuse in their triggers, so this file's name must sort first.
-- Each R__ file holds the one live definition of its area's functions and triggers and can run again: CREATE OR
-- REPLACE FUNCTION / TRIGGER. Where CREATE OR REPLACE cannot (other arguments or another result type), DROP ... IF
-- EXISTS the old definition just before the new one. A versioned migration runs before these on a fresh database:
-- one that needs a function or trigger at the time it runs (say a data change through a trigger) must bring it.

-- Raise a refusal that the API maps to a stable problem code (see ProblemMapper / DbCodes).
CREATE OR REPLACE FUNCTION jifen_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'jifen:%', TG_ARGV[0];
END $$;

-- A guard usable inside one SQL statement: refuses the whole statement with jifen:<code> unless ok.
CREATE OR REPLACE FUNCTION jifen_require(ok boolean, code text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'jifen:%', code;
    END IF;
    RETURN true;
END $$;

-- The audit trail is append-only.
CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('audit.immutable');
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('audit.immutable');
