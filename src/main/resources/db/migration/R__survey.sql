-- Needs surveys (V144): a visit, its wished goods and photos are a record of what was seen and heard; never changed or
-- deleted. A portal wish only moves once, from open to withdrawn, and is never deleted.
CREATE OR REPLACE TRIGGER survey_visit_append_only BEFORE UPDATE OR DELETE ON survey_visit
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('survey.immutable');
CREATE OR REPLACE TRIGGER survey_visit_goods_append_only BEFORE UPDATE OR DELETE ON survey_visit_goods
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('survey.immutable');
CREATE OR REPLACE TRIGGER survey_photo_append_only BEFORE UPDATE OR DELETE ON survey_photo
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('survey.immutable');
CREATE OR REPLACE TRIGGER survey_wish_kept BEFORE DELETE ON survey_wish
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('survey.immutable');
