#!/usr/bin/env python3
"""Derive conf/admin-units/*.csv and conf/sql/002_admin_units.sql.

Maintainer tool: it is never run at build or test time; its output is
committed.  Python 3 standard library only.

Usage:  python3 conf/admin-units/derive.py SOURCE_DIR

SOURCE_DIR holds the upstream files described in SOURCE.md (next to this
script): mysql_ImportData_vn_units.sql (thanglequoc v4.2.0),
provinces_pre2025.csv, LICENSE.thanglequoc-vietnamese-provinces-database
and dvhcvn-20250701/LICENSE.

Writes, next to this script: the two licence files and
provinces_pre2025.csv (copied byte for byte), provinces.csv and
communes.csv; and ../sql/002_admin_units.sql.
"""

import csv
import hashlib
import io
import os
import re
import shutil
import sys
import unicodedata

# The v4.2.0 file this derivation was written and checked against.  A new
# upstream release needs a new look at the counts below before this is
# changed.
IMPORT_SQL = "mysql_ImportData_vn_units.sql"
IMPORT_SHA256 = \
    "a9ab4fced81d897c044d2f4fe2f44ccca2df39b7d175afb4363d4432d28f29db"

N_PROVINCES = 34
N_COMMUNES = 3321
N_PRE2025 = 63

CURRENT_FROM = "2025-07-01"
PRE2025_FROM = "1900-01-01"
PRE2025_TO = "2025-06-30"

ROWS_PER_INSERT = 500

COPIES = [
    # (source path relative to SOURCE_DIR, name here)
    ("LICENSE.thanglequoc-vietnamese-provinces-database",
     "LICENSE.thanglequoc-vietnamese-provinces-database"),
    ("dvhcvn-20250701/LICENSE", "LICENSE.dvhcvn-20250701"),
    ("provinces_pre2025.csv", "provinces_pre2025.csv"),
]


def die(msg):
    sys.exit("derive.py: " + msg)


def nfc(s):
    return unicodedata.normalize("NFC", s)


# --- a small reader for upstream's INSERT statements -----------------------

INSERT_RE = re.compile(
    r"INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*", re.I)


def parse_value(text, i):
    """Return (value, next index) for the SQL literal at text[i]."""
    if text[i] == "'":
        out = []
        i += 1
        while True:
            j = text.find("'", i)
            if j < 0:
                die("unterminated string literal")
            out.append(text[i:j])
            if text.startswith("''", j):
                out.append("'")
                i = j + 2
            else:
                return "".join(out), j + 1
    m = re.compile(r"NULL\b|-?\d+", re.I).match(text, i)
    if not m:
        die("unexpected SQL near: %r" % text[i:i + 40])
    v = m.group(0)
    return (None if v.upper() == "NULL" else v), m.end()


def parse_inserts(text):
    """Yield (table, row dict) for every row of every INSERT in text."""
    if "\\" in text:
        # MariaDB treats backslash as an escape; upstream uses none and the
        # reader below does not handle them.
        die("backslash in %s: reader needs updating" % IMPORT_SQL)
    pos = 0
    while True:
        m = INSERT_RE.search(text, pos)
        if not m:
            return
        table = m.group(1)
        cols = [c.strip() for c in m.group(2).split(",")]
        i = m.end()
        while True:
            while text[i].isspace():
                i += 1
            if text[i] != "(":
                die("expected ( in INSERT INTO %s" % table)
            i += 1
            vals = []
            while True:
                while text[i].isspace():
                    i += 1
                v, i = parse_value(text, i)
                vals.append(v)
                while text[i].isspace():
                    i += 1
                if text[i] == ",":
                    i += 1
                    continue
                if text[i] == ")":
                    i += 1
                    break
                die("expected , or ) in INSERT INTO %s" % table)
            if len(vals) != len(cols):
                die("column count mismatch in INSERT INTO %s" % table)
            yield table, dict(zip(cols, vals))
            while text[i].isspace():
                i += 1
            if text[i] == ",":
                i += 1
                continue
            if text[i] == ";":
                pos = i + 1
                break
            die("expected , or ; after a row of %s" % table)


# --- output helpers --------------------------------------------------------

def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def sql_str(v):
    if v is None:
        return "NULL"
    return "'" + v.replace("'", "''") + "'"


def sql_inserts(table, cols, rows):
    out = []
    for k in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[k:k + ROWS_PER_INSERT]
        out.append("INSERT INTO %s (%s) VALUES\n" % (table, ", ".join(cols)))
        out.append(",\n".join(
            "(" + ", ".join(sql_str(v) for v in r) + ")" for r in chunk))
        out.append(";\n")
    return "".join(out)


def check_unit(kind, code, ndigits, name, full_name):
    if not re.fullmatch(r"\d{%d}" % ndigits, code):
        die("bad %s code %r" % (kind, code))
    if not name or len(name) > 100 or not full_name or len(full_name) > 150:
        die("bad %s name for %s" % (kind, code))


# --- main ------------------------------------------------------------------

def main():
    if len(sys.argv) != 2:
        die("usage: derive.py SOURCE_DIR")
    src = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    sqldir = os.path.join(os.path.dirname(here), "sql")

    raw = open(os.path.join(src, IMPORT_SQL), "rb").read()
    got = hashlib.sha256(raw).hexdigest()
    if got != IMPORT_SHA256:
        die("%s has SHA-256 %s, expected %s (v4.2.0); check the new "
            "release, then update IMPORT_SHA256" % (IMPORT_SQL, got,
                                                    IMPORT_SHA256))
    text = raw.decode("utf-8")

    units, provinces, wards = {}, [], []
    for table, row in parse_inserts(text):
        if table == "administrative_units":
            units[row["id"]] = row["code_name_en"].lower()
        elif table == "provinces":
            provinces.append(row)
        elif table == "wards":
            wards.append(row)

    prov = []
    for p in provinces:
        code, name, full = p["code"], nfc(p["name"]), nfc(p["full_name"])
        check_unit("province", code, 2, name, full)
        prov.append((code, name, full, units[p["administrative_unit_id"]]))
    prov.sort()
    prov_codes = {p[0] for p in prov}
    if len(prov) != N_PROVINCES or len(prov_codes) != N_PROVINCES:
        die("%d provinces, expected %d" % (len(prov), N_PROVINCES))

    comm = []
    for w in wards:
        code, name, full = w["code"], nfc(w["name"]), nfc(w["full_name"])
        check_unit("commune", code, 5, name, full)
        if w["province_code"] not in prov_codes:
            die("commune %s: unknown province %r" % (code, w["province_code"]))
        comm.append((code, name, full, w["province_code"],
                     units[w["administrative_unit_id"]]))
    comm.sort()
    if len(comm) != N_COMMUNES or len({c[0] for c in comm}) != N_COMMUNES:
        die("%d communes, expected %d" % (len(comm), N_COMMUNES))

    with open(os.path.join(src, "provinces_pre2025.csv"),
              encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        if next(r) != ["code", "name", "full_name"]:
            die("provinces_pre2025.csv: unexpected header")
        pre = []
        for row in r:
            code, name, full = row[0], nfc(row[1]), nfc(row[2])
            check_unit("pre-2025 province", code, 2, name, full)
            pre.append((code, name, full))
    pre.sort()
    if len(pre) != N_PRE2025 or len({p[0] for p in pre}) != N_PRE2025:
        die("%d pre-2025 provinces, expected %d" % (len(pre), N_PRE2025))

    for s, d in COPIES:
        shutil.copyfile(os.path.join(src, s), os.path.join(here, d))
    write_csv(os.path.join(here, "provinces.csv"),
              ["code", "name", "full_name", "unit_type"], prov)
    write_csv(os.path.join(here, "communes.csv"),
              ["code", "name", "full_name", "province_code", "unit_type"],
              comm)

    cols = ["level", "code", "name", "full_name", "unit_type",
            "province_code", "valid_from", "valid_to"]
    au_prov = [("province", c, n, f, t, None, CURRENT_FROM, None)
               for c, n, f, t in prov]
    au_comm = [("commune", c, n, f, t, pc, CURRENT_FROM, None)
               for c, n, f, pc, t in comm]
    au_pre = [("province", c, n, f,
                "municipality" if f.startswith("Thành phố") else "province",
                None, PRE2025_FROM, PRE2025_TO)
              for c, n, f in pre]

    out = [
        "-- 002: administrative units (data only).\n"
        "--\n"
        "-- Generated by conf/admin-units/derive.py; do not edit by hand.\n"
        "-- Sources, versions and licences: conf/admin-units/SOURCE.md.\n"
        "--\n"
        "-- admin_unit: the %d provinces and %d commune-level units in\n"
        "-- force since %s (thanglequoc/vietnamese-provinces-database\n"
        "-- v4.2.0, which includes the 2026 Đồng Nai changes), and the %d\n"
        "-- provinces before the reorganisation (valid_to %s).\n"
        "-- province_pre2025: the same %d provinces, for decoding personal\n"
        "-- numbers.\n"
        % (N_PROVINCES, N_COMMUNES, CURRENT_FROM, N_PRE2025, PRE2025_TO,
           N_PRE2025),
        "\n-- Current provinces.\n",
        sql_inserts("admin_unit", cols, au_prov),
        "\n-- Current communes (phường, xã, đặc khu).\n",
        sql_inserts("admin_unit", cols, au_comm),
        "\n-- Provinces before 2025-07-01.\n",
        sql_inserts("admin_unit", cols, au_pre),
        "\n",
        sql_inserts("province_pre2025", ["code", "name", "full_name"], pre),
    ]
    with open(os.path.join(sqldir, "002_admin_units.sql"), "w",
              encoding="utf-8", newline="") as f:
        f.write("".join(out))

    print("derive.py: %d provinces, %d communes, %d pre-2025 provinces"
          % (len(prov), len(comm), len(pre)))


if __name__ == "__main__":
    main()
