#!/usr/bin/env python3
"""Derive conf/admin-units/communes_pre2025.csv and the data block of
conf/sql/023_civil_birth.sql: for each commune in force since 2025-07-01,
the pre-2025 province it lay in, whose code a personal number given at a
birth registered there carries.

Maintainer tool: it is never run at build or test time; its output is
committed.  Python 3 standard library only.

Usage:  python3 conf/admin-units/derive-pre2025.py SOURCE_DIR

SOURCE_DIR holds the upstream files described in SOURCE.md:
ImportData_vn_units_v2.4.1.sql (thanglequoc v2.4.1, the units before the
reorganisation) and dvhcvn-20250701/merges_new_to_old.json.  The current
communes are read from communes.csv next to this script (derive.py).

A current commune lay in the pre-2025 province of its predecessor with the
same code (3,314 of 3,321 communes kept one, by the dvhcvn mapping);
otherwise in that of its first predecessor in that mapping that the old
data knows (a commune, or a district without communes for a special
zone).  Every
result is checked against the province merges: the pre-2025 province must
be one of those merged into the commune's current province.
"""

import csv
import hashlib
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import derive  # noqa: E402  (its INSERT reader and CSV writer)

OLD_SQL = "ImportData_vn_units_v2.4.1.sql"
OLD_SHA256 = \
    "d18d1ee8bc8f57401a45c3d345952be3ab3b36a7813b1ca7a01c5f9d21e2af25"
MERGES = "dvhcvn-20250701/merges_new_to_old.json"
MERGES_SHA256 = \
    "7d4f8cb5ed4be203589faeb9978957e5dc8bb982bc42680b9c2f044ce0e8795a"

# The two commune codes the sources disagree on (SOURCE.md): the code
# here (GSO API) -> the code in the dvhcvn mapping.
DVHCVN_CODE = {"06978": "06970", "23938": "23737"}

VALID_FROM = "2025-07-01"
MIGRATION = os.path.join(here, "..", "sql", "023_civil_birth.sql")
BEGIN = "-- BEGIN communes_pre2025 (derive-pre2025.py)\n"
END = "-- END communes_pre2025\n"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    old_path = os.path.join(src, OLD_SQL)
    merges_path = os.path.join(src, MERGES)
    if sha256(old_path) != OLD_SHA256:
        derive.die("%s: unexpected SHA-256" % OLD_SQL)
    if sha256(merges_path) != MERGES_SHA256:
        derive.die("%s: unexpected SHA-256" % MERGES)

    with open(old_path, encoding="utf-8") as f:
        text = f.read()
    district_prov, ward_district = {}, {}
    for table, row in derive.parse_inserts(text):
        if table == "districts":
            district_prov[row["code"]] = row["province_code"]
        elif table == "wards":
            ward_district[row["code"]] = row["district_code"]
    old_prov = {w: district_prov[d] for w, d in ward_district.items()}

    with open(os.path.join(here, "provinces_pre2025.csv"),
              encoding="utf-8", newline="") as f:
        pre = {r["code"] for r in csv.DictReader(f)}
    if set(old_prov.values()) - pre:
        derive.die("old wards in unknown provinces")

    with open(merges_path, encoding="utf-8") as f:
        merges = json.load(f)["data"]
    prov_merges, comm_merges = {}, {}
    for p in merges:
        prov_merges[p["level1_id"]] = {m["old_id"] for m in p["merges"]}
        for c in p["level2s"]:
            comm_merges[c["level2_id"]] = [m["old_id"] for m in c["merges"]]

    with open(os.path.join(here, "communes.csv"),
              encoding="utf-8", newline="") as f:
        communes = [(r["code"], r["province_code"])
                    for r in csv.DictReader(f)]

    rows, same_code = [], 0
    for code, now in communes:
        preds = comm_merges.get(DVHCVN_CODE.get(code, code), [])
        # a special zone may succeed a district without communes
        known = [old_prov.get(o, district_prov.get(o)) for o in preds
                 if o in old_prov or o in district_prov]
        if code in old_prov and code in preds:
            p = old_prov[code]
            same_code += 1
        elif known:
            p = known[0]
        else:
            derive.die("commune %s: predecessors unknown" % code)
        if p not in prov_merges.get(now, ()):
            derive.die("commune %s: pre-2025 province %s not merged into %s"
                       % (code, p, now))
        rows.append((code, p))
    if len(rows) != derive.N_COMMUNES or same_code < 3300:
        derive.die("%d communes, %d by their own code"
                   % (len(rows), same_code))

    derive.write_csv(os.path.join(here, "communes_pre2025.csv"),
                     ["code", "province_pre2025"], rows)

    block = [BEGIN]
    block.append(derive.sql_inserts(
        "commune_pre2025", ["commune_code", "valid_from", "province_code"],
        [(c, VALID_FROM, p) for c, p in rows]))
    block.append(END)
    with open(MIGRATION, encoding="utf-8") as f:
        mig = f.read()
    m = re.search(re.escape(BEGIN) + ".*?" + re.escape(END), mig, re.S)
    if not m:
        derive.die("023_civil_birth.sql: no data block markers")
    mig = mig[:m.start()] + "".join(block) + mig[m.end():]
    with open(MIGRATION, "w", encoding="utf-8", newline="") as f:
        f.write(mig)
    print("%d communes (%d by their own code)" % (len(rows), same_code))


if __name__ == "__main__":
    main()
