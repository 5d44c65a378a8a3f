-- The three-in-one ledger's confirmations (签字) are evidence: kept as given, never changed or removed.
CREATE OR REPLACE TRIGGER ledger_confirmation_append_only BEFORE UPDATE OR DELETE ON ledger_confirmation
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('ledgerbook.confirmation-immutable');
CREATE OR REPLACE TRIGGER ledger_confirmation_no_truncate BEFORE TRUNCATE ON ledger_confirmation
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('ledgerbook.confirmation-immutable');
