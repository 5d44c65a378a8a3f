-- Fund receipts and vouchers are kept as recorded (V120__funds.sql): no update, no delete, no truncate.
CREATE OR REPLACE TRIGGER fund_receipt_append_only BEFORE UPDATE OR DELETE ON fund_receipt
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('funds.immutable');
CREATE OR REPLACE TRIGGER fund_receipt_no_truncate BEFORE TRUNCATE ON fund_receipt
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('funds.immutable');
CREATE OR REPLACE TRIGGER voucher_append_only BEFORE UPDATE OR DELETE ON voucher
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('funds.immutable');
CREATE OR REPLACE TRIGGER voucher_no_truncate BEFORE TRUNCATE ON voucher
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('funds.immutable');
