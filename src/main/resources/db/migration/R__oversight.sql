-- Oversight records are evidence: a spot check (its seed, population and sample), its results, photos and shop
-- inspections are never changed or deleted. Only a rectification moves on (OPEN -> ANSWERED -> CLOSED) and is never
-- deleted.
CREATE OR REPLACE TRIGGER spot_check_append_only BEFORE UPDATE OR DELETE ON spot_check
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER spot_check_result_append_only BEFORE UPDATE OR DELETE ON spot_check_result
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER oversight_photo_append_only BEFORE UPDATE OR DELETE ON oversight_photo
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER shop_inspection_append_only BEFORE UPDATE OR DELETE ON shop_inspection
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER shop_inspection_point_append_only BEFORE UPDATE OR DELETE ON shop_inspection_point
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER label_print_append_only BEFORE UPDATE OR DELETE ON label_print
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER label_print_item_append_only BEFORE UPDATE OR DELETE ON label_print_item
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
CREATE OR REPLACE TRIGGER rectification_kept BEFORE DELETE ON rectification
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('oversight.immutable');
