-- Points: closed months stay closed and registered entries stay as registered, refused by the database whoever
-- writes (how R__ files work: R__common.sql).

CREATE OR REPLACE FUNCTION points_month_is_closed(v bigint, m text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM month_close WHERE village_id = v AND month = m)
$$;

CREATE OR REPLACE FUNCTION entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'jifen:points.entry-immutable';
    END IF;
    IF points_month_is_closed(NEW.village_id, NEW.month) THEN
        RAISE EXCEPTION 'jifen:points.month-closed';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF points_month_is_closed(OLD.village_id, OLD.month) THEN
            RAISE EXCEPTION 'jifen:points.month-closed';
        END IF;
        -- only the decision may change; what was registered stays as registered
        IF (NEW.village_id, NEW.household_id, NEW.item_id, NEW.item_code, NEW.unit_points, NEW.quantity, NEW.points,
            NEW.occurred_on, NEW.month, NEW.recorded_by_id, NEW.created_at)
           IS DISTINCT FROM
           (OLD.village_id, OLD.household_id, OLD.item_id, OLD.item_code, OLD.unit_points, OLD.quantity, OLD.points,
            OLD.occurred_on, OLD.month, OLD.recorded_by_id, OLD.created_at)
           OR OLD.status <> 'PENDING' THEN
            RAISE EXCEPTION 'jifen:points.entry-immutable';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER entry_guard BEFORE INSERT OR UPDATE OR DELETE ON entry
    FOR EACH ROW EXECUTE FUNCTION entry_guard();

CREATE OR REPLACE FUNCTION entry_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'jifen:points.entry-immutable';
    END IF;
    IF EXISTS (SELECT 1 FROM entry e JOIN month_close c ON c.village_id = e.village_id AND c.month = e.month
               WHERE e.id = NEW.entry_id) THEN
        RAISE EXCEPTION 'jifen:points.month-closed';
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER entry_review_guard BEFORE INSERT OR UPDATE OR DELETE ON entry_review
    FOR EACH ROW EXECUTE FUNCTION entry_child_guard();
CREATE OR REPLACE TRIGGER entry_photo_guard BEFORE INSERT OR UPDATE OR DELETE ON entry_photo
    FOR EACH ROW EXECUTE FUNCTION entry_child_guard();
CREATE OR REPLACE TRIGGER entry_review_no_truncate BEFORE TRUNCATE ON entry_review
    FOR EACH STATEMENT EXECUTE FUNCTION jifen_refuse('ledger.immutable');
