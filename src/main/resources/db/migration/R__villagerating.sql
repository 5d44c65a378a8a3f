-- A published village rating is a record the town stands by: never changed, never deleted.
CREATE OR REPLACE TRIGGER village_rating_year_append_only BEFORE UPDATE OR DELETE ON village_rating_year
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('village-rating.immutable');
CREATE OR REPLACE TRIGGER village_rating_append_only BEFORE UPDATE OR DELETE ON village_rating
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('village-rating.immutable');
