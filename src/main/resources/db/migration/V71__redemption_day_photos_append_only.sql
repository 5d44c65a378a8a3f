-- Photos of a redemption day are evidence (图文佐证) like the photos of a posted notice: kept as taken.
-- A wrong photo stays and a better one is added beside it.
CREATE TRIGGER redemption_day_photo_append_only BEFORE UPDATE OR DELETE ON redemption_day_photo
    FOR EACH ROW EXECUTE FUNCTION jifen_refuse('shop.evidence-immutable');
CREATE TRIGGER redemption_day_photo_no_truncate BEFORE TRUNCATE ON redemption_day_photo
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('shop.evidence-immutable');
