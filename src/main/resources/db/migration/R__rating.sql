-- Ratings: a confirmed star list and the town's report stay as they were signed (how R__ files work: R__common.sql).
-- A change after confirmation is a new confirmation, never an edit.

CREATE OR REPLACE TRIGGER rating_confirmation_append_only BEFORE UPDATE OR DELETE ON rating_confirmation
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('rating.immutable');
CREATE OR REPLACE TRIGGER rating_confirmed_append_only BEFORE UPDATE OR DELETE ON rating_confirmed
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('rating.immutable');
CREATE OR REPLACE TRIGGER rating_report_append_only BEFORE UPDATE OR DELETE ON rating_report
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('rating.immutable');
CREATE OR REPLACE TRIGGER rating_confirmation_no_truncate BEFORE TRUNCATE ON rating_confirmation
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('rating.immutable');
CREATE OR REPLACE TRIGGER rating_confirmed_no_truncate BEFORE TRUNCATE ON rating_confirmed
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('rating.immutable');
CREATE OR REPLACE TRIGGER rating_report_no_truncate BEFORE TRUNCATE ON rating_report
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('rating.immutable');
