-- Several towns in one install (a county): a COUNTY_ADMIN belongs to no town and no village. It creates towns and
-- their first TOWN_ADMIN; every other role keeps its town (and a village role its village).
ALTER TABLE staff ALTER COLUMN town_id DROP NOT NULL;
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
    CHECK (role IN ('TOWN_ADMIN', 'INSPECTOR', 'SECRETARY', 'OFFICER', 'REVIEWER', 'CLERK', 'COUNTY_ADMIN'));
ALTER TABLE staff DROP CONSTRAINT staff_scope;
ALTER TABLE staff ADD CONSTRAINT staff_scope
    CHECK ((role IN ('TOWN_ADMIN', 'INSPECTOR', 'COUNTY_ADMIN')) = (village_id IS NULL));
ALTER TABLE staff ADD CONSTRAINT staff_county CHECK ((role = 'COUNTY_ADMIN') = (town_id IS NULL));
