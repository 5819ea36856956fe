-- 020: a death declared online is refused unless the database holds the
-- relation the declarant states (death.c): an open marriage, a parent
-- link either way, or a parent in common.  The civil role reads the
-- parent links for it (marriage it reads since 018).
GRANT SELECT ON parent_link TO motcua_civil_role;
