-- 022: a registered death takes the person out of their household's
-- register, as the removal of their permanent residence does (death.c):
-- the civil role may clear those two columns of a citizen, nothing more.
GRANT UPDATE (household_id, household_role) ON citizen TO motcua_civil_role;
