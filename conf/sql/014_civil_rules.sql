-- 014: the civil-status module reads the civil rules by date (013), and
-- only reads them: a rule changes by a migration, never by a request.
GRANT SELECT ON civil_rule TO motcua_civil_role;
