# The civil-status schema (013): the civil rules by effective date, one
# row for any day, the law changing on 2027-03-01; and civil_version,
# which changes with a person's marital status or death and with nothing
# else, so that a marital-status confirmation can be voided as a
# residence confirmation is.
. "$top_srcdir/tests/lib.sh"

# rule_at RULE DAY: the rule's value on that day
rule_at() {
	sql "SELECT value FROM civil_rule WHERE rule = '$1'
	    AND valid_from <= '$2' AND (valid_to IS NULL OR valid_to >= '$2')"
}
is "$(rule_at paper_death 2027-02-28)" "Trích lục khai tử" \
    "the death paper under Law 60/2014, on its last day"
is "$(rule_at paper_death 2027-03-01)" "Giấy chứng tử" \
    "and under Law 03/2026 from its first"
is "$(rule_at residence_tied 2027-02-28)/$(rule_at residence_tied 2027-03-01)" \
    "1/0" "registration tied to residence until the new law only"
like "$(rule_at law 2026-12-02)" '60/2014' "the law in force today"
like "$(rule_at law 2027-03-01)" '03/2026' "and from 2027-03-01"
is "$(rule_at cutoff 2026-12-02)" "15:00" "the same-day cut-off"
for day in 2020-01-01 2027-02-28 2027-03-01 2035-06-30; do
	over=$(sql "SELECT COUNT(*) FROM (SELECT rule FROM civil_rule
	    WHERE valid_from <= '$day' AND (valid_to IS NULL OR
	    valid_to >= '$day') GROUP BY rule HAVING COUNT(*) > 1) x")
	is "$over" 0 "no rule has two rows for $day"
done
gaps=$(sql "SELECT COUNT(*) FROM civil_rule r WHERE r.valid_to IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM civil_rule n WHERE n.rule = r.rule
    AND n.valid_from = r.valid_to + INTERVAL 1 DAY)")
is "$gaps" 0 "a rule that ends is followed the next day"

# civil_version
id=$(sql "SELECT id FROM citizen WHERE marital_status IS NULL
    AND death_date IS NULL ORDER BY id LIMIT 1")
like "$id" '^[0-9]+$' "(a citizen)"
v0=$(sql "SELECT civil_version FROM citizen WHERE id = $id")
sql "UPDATE citizen SET household_role = household_role WHERE id = $id" > /dev/null
sql "UPDATE citizen SET ethnicity = ethnicity WHERE id = $id" > /dev/null
is "$(sql "SELECT civil_version FROM citizen WHERE id = $id")" "$v0" \
    "an update of anything else leaves civil_version alone"
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $id" > /dev/null
is "$(sql "SELECT civil_version FROM citizen WHERE id = $id")" "$((v0 + 1))" \
    "a change of marital status changes it"
sql "UPDATE citizen SET marital_status = 'married' WHERE id = $id" > /dev/null
is "$(sql "SELECT civil_version FROM citizen WHERE id = $id")" "$((v0 + 1))" \
    "the same status again does not"
sql "UPDATE citizen SET marital_status = NULL WHERE id = $id" > /dev/null
is "$(sql "SELECT civil_version FROM citizen WHERE id = $id")" "$((v0 + 2))" \
    "a status the database stops knowing changes it too"

# the module reads a rule with its own account (014) and its own clock: a
# private instance whose clock reads another day starts and answers
module_at civil "2027-03-01 14:59:00"
fcgi_at "" GET /civil/health
is "$STATUS" 200 "the module runs with its clock set to 2027-03-01"
is "$(sql "SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES
    WHERE TABLE_NAME = 'civil_rule' AND PRIVILEGE_TYPE = 'SELECT'
    AND GRANTEE LIKE '%motcua_civil_role%'")" 1 "the civil role reads the rules"
is "$(sql "SELECT COUNT(*) FROM information_schema.TABLE_PRIVILEGES
    WHERE TABLE_NAME = 'civil_rule' AND PRIVILEGE_TYPE <> 'SELECT'
    AND GRANTEE LIKE '%motcua_civil_role%'")" 0 "and only reads them"
t_done
