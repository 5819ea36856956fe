#!/usr/bin/python3
"""A citizen's flows in a real browser (Debian's Chromium, driven by
chromedriver through Selenium), as TAP lines for tests/integration:

  flows.py BASE CITIZEN OFFICIAL PASSWORD COMMUNE AXE_JS ARTIFACTS [URL...]

For each language (vi, en) and with script on and off: ask for a
confirmation of residence and open it; file a temporary residence
registration with a field wrong, see it marked, correct it and file it;
the official of the commune finds it in the queue, accepts and approves
it; the citizen sees the result on the dossier's page, tracks it with
the birth year and sees who read their data.  First, the citizen
chooses on the contact page to be told by e-mail.  The receipt codes filed are written to
ARTIFACTS/receipts.  With script on, every page seen, and each URL
given, is checked by axe-core (WCAG 2.2 A and AA rules):
no serious or critical violation.  A screenshot of each page is kept.
"""
import datetime
import json
import os
import sys
import tempfile

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, CITIZEN, OFFICIAL, PASSWORD, COMMUNE, AXE, ART = sys.argv[1:8]
EXTRA = sys.argv[8:]
HOST = BASE.split("://", 1)[1]
SIGNED = "http://%s:%s@%s" % (CITIZEN, PASSWORD, HOST)
AS_OFFICIAL = "http://%s:%s@%s" % (OFFICIAL, PASSWORD, HOST)
AXE_SRC = open(AXE, encoding="utf-8").read()
WORDS = {
    "vi": {"valid": "Còn hiệu lực", "received": "Đã tiếp nhận",
           "confirm": "Xin cấp giấy xác nhận", "file": "Nộp hồ sơ",
           "track": "Tra cứu", "fix": "Hồ sơ chưa được nộp",
           "accepted": "Đang giải quyết", "issued": "Đã trả kết quả"},
    "en": {"valid": "Valid", "received": "Received",
           "confirm": "Issue the confirmation", "file": "File the dossier",
           "track": "Track", "fix": "The dossier was not filed",
           "accepted": "Being processed", "issued": "Result issued"},
}
failed = 0
seen = []
receipts = []


def ok(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + what, flush=True)
    if not cond:
        failed += 1
    return cond


def browser(lang, js):
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--window-size=1280,1600", "--lang=" + lang,
              "--user-data-dir=" + tempfile.mkdtemp(prefix="motcua-chromium-")):
        o.add_argument(a)
    prefs = {"intl.accept_languages": lang}
    if not js:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    o.add_experimental_option("prefs", prefs)
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(30)
    return d


def shot(d, name):
    d.save_screenshot(os.path.join(ART, name + ".png"))


def axe(d, what):
    """axe-core in the page; the serious and critical violations."""
    d.execute_script(AXE_SRC)
    d.set_script_timeout(30)
    res = d.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        " return {id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " help: v.help}; })); });")
    bad = [v for v in res if v["impact"] in ("serious", "critical")]
    seen.append({"page": what, "violations": res})
    ok(not bad, "axe: %s: no serious or critical violation%s" %
       (what, "" if not bad else " (" + json.dumps(bad) + ")"))


def submit(d, button=None):
    """Presses the form's button (or the one given) and waits for the
    next page: a click returns before the browser has left the page."""
    old = d.find_element(By.TAG_NAME, "html")
    if button is None:
        button = d.find_element(By.CSS_SELECTOR, "form button[type=submit]")
    button.click()

    def gone(_):
        # while the browser leaves the page, asking about one of its
        # nodes fails in more ways than "stale"; any failure means gone
        try:
            old.tag_name
            return False
        except WebDriverException:
            return True

    WebDriverWait(d, 30).until(gone)
    WebDriverWait(d, 30, ignored_exceptions=(WebDriverException,)).until(
        EC.presence_of_element_located((By.TAG_NAME, "footer")))


def text(d, css):
    try:
        # the words as written, not as styled (the state is shown in
        # capitals)
        return " ".join(d.find_element(By.CSS_SELECTOR, css)
                        .get_attribute("textContent").split())
    except WebDriverException:
        return ""


def queued(d, receipt):
    """The official's queue, page after page, until the dossier's entry:
    the queue is soonest due first, so a new dossier comes last."""
    for page in range(1, 50):
        d.get(AS_OFFICIAL + "/tracking/official/queue?family=residence"
              "&page=%d" % page)
        rows = d.find_elements(
            By.XPATH, "//ol[@class='queue']/li[h3[normalize-space()='%s']]"
            % receipt)
        if rows:
            return rows[0]
        if not d.find_elements(By.CSS_SELECTOR, "ol.queue > li"):
            return None
    return None


def decide(d, tag, receipt, what, state, js):
    """The official finds the dossier in the queue and presses the
    decision's button; the decision page says the new state."""
    row = queued(d, receipt)
    if not ok(row is not None, "%s: the dossier is in the official's queue"
              % tag):
        return
    if js and what == "accept":
        axe(d, "%s: the official's queue" % tag)
        shot(d, "flow-%s-5-queue" % tag)
    submit(d, row.find_element(
        By.CSS_SELECTOR, "form[action$='/%s'] button" % what))
    ok(text(d, "[role=status] .state") == state,
       "%s: %s: the decision page says %s" % (tag, what, state))
    if js and what == "approve":
        axe(d, "%s: the decision page" % tag)
    shot(d, "flow-%s-6-%s" % (tag, what))


def set_date(d, el, iso, lang, js):
    """A date field, typed as a person types it in that locale."""
    if js:
        d.execute_script("arguments[0].value = arguments[1]", el, iso)
        return
    y, m, day = iso.split("-")
    el.send_keys(day + m + y if lang == "vi" else m + day + y)


def flows(lang, js):
    w = WORDS[lang]
    tag = "%s-%s" % (lang, "js" if js else "nojs")
    d = browser(lang, js)
    try:
        if lang == "vi" and js:
            # --- the citizen chooses to be told by e-mail
            d.get(SIGNED + "/tracking/citizen/contact")
            axe(d, "%s: the contact page" % tag)
            d.find_element(By.ID, "f-channel-email").click()
            d.find_element(By.ID, "f-email").send_keys(EMAIL)
            submit(d)
            ok("Đã lưu" in text(d, "[role=status]"),
               "%s: the e-mail address saved" % tag)
            shot(d, "flow-%s-0-contact" % tag)
        # --- a confirmation of residence, asked for and opened
        d.get(SIGNED + "/residence/citizen/confirmations")
        ok(d.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang,
           "%s: the confirmation form is in %s" % (tag, lang))
        if js:
            axe(d, "%s: the confirmation form" % tag)
        shot(d, "flow-%s-1-confirm-form" % tag)
        submit(d)
        ok("/residence/confirmations/" in d.current_url,
           "%s: the button leads to the confirmation" % tag)
        ok(text(d, ".state") == w["valid"],
           "%s: which says %s" % (tag, w["valid"]))
        ok(len(d.find_elements(By.CSS_SELECTOR, ".verify svg path")) == 1,
           "%s: with its QR code" % tag)
        if js:
            axe(d, "%s: the confirmation" % tag)
        shot(d, "flow-%s-2-confirmation" % tag)

        # --- a temporary residence registration, a field wrong first
        d.get(SIGNED + "/residence/citizen/forms/temporary")
        if js:
            axe(d, "%s: the temporary residence form" % tag)
        d.find_element(By.ID, "f-commune_code").send_keys("12")
        d.find_element(By.ID, "f-address").send_keys("Số 4, ngõ 2, phố Huế")
        until = (datetime.date.today() + datetime.timedelta(days=150)).isoformat()
        set_date(d, d.find_element(By.ID, "f-until"), until, lang, js)
        submit(d)
        ok(w["fix"] in text(d, "[role=alert]"),
           "%s: a wrong commune code: the form again, saying so" % tag)
        f = d.find_element(By.ID, "f-commune_code")
        ok(f.get_attribute("aria-invalid") == "true"
           and f.get_attribute("value") == "12",
           "%s: the field marked, keeping what was typed" % tag)
        ok(d.find_element(By.ID, "f-address").get_attribute("value")
           == "Số 4, ngõ 2, phố Huế", "%s: the other fields kept" % tag)
        if js:
            axe(d, "%s: the form with a field at fault" % tag)
        shot(d, "flow-%s-3-form-refused" % tag)
        f.clear()
        f.send_keys(COMMUNE)
        submit(d)
        ok("/residence/citizen/dossiers/" in d.current_url,
           "%s: corrected and filed: the dossier's page" % tag)
        ok(text(d, ".state") == w["received"],
           "%s: which says %s" % (tag, w["received"]))
        receipt = text(d, "[role=status] .code")
        ok(receipt.startswith("000.00.15.H26-"), "%s: with its code" % tag)
        receipts.append(receipt)
        mine = d.current_url.replace(BASE, SIGNED)
        if js:
            axe(d, "%s: the dossier" % tag)
        shot(d, "flow-%s-4-dossier" % tag)

        # --- the official of the commune accepts and approves it
        decide(d, tag, receipt, "accept", w["accepted"], js)
        decide(d, tag, receipt, "approve", w["issued"], js)

        # --- the citizen sees the result, and tracks it with the birth
        # year (anyone with the code)
        d.get(mine)
        ok(text(d, ".state") == w["issued"],
           "%s: the citizen's page says %s" % (tag, w["issued"]))
        shot(d, "flow-%s-7-dossier-issued" % tag)
        d.get(BASE + "/tracking/dossiers/" + receipt)
        if js:
            axe(d, "%s: the tracking form" % tag)
        d.find_element(By.ID, "birth_year").send_keys(BIRTH_YEAR)
        submit(d)
        ok(text(d, ".state") == w["issued"],
           "%s: tracked: %s" % (tag, w["issued"]))
        if js:
            axe(d, "%s: the tracked state" % tag)
        shot(d, "flow-%s-8-tracked" % tag)
        # --- who read my data: the official's look-up (t-browser.sh)
        d.get(SIGNED + "/tracking/citizen/reads")
        ok(OFFICIAL in text(d, "ol.queue"),
           "%s: who read my data: the official who looked them up" % tag)
        if js:
            axe(d, "%s: who read my data" % tag)
        shot(d, "flow-%s-9-reads" % tag)
        if js:
            for i, u in enumerate(EXTRA):
                d.get(u)
                axe(d, "%s: %s" % (tag, u.replace(BASE, "")))
                shot(d, "page-%s-%d" % (tag, i))
    except WebDriverException as e:
        ok(False, "%s: the browser: %s" % (tag, str(e).splitlines()[0]))
    finally:
        d.quit()


BIRTH_YEAR = os.environ["MOTCUA_BIRTH_YEAR"]
EMAIL = os.environ["MOTCUA_EMAIL"]
for lang in ("vi", "en"):
    for js in (True, False):
        flows(lang, js)
with open(os.path.join(ART, "axe.json"), "w", encoding="utf-8") as f:
    json.dump(seen, f, ensure_ascii=False, indent=1)
with open(os.path.join(ART, "receipts"), "w", encoding="utf-8") as f:
    f.write("".join(r + "\n" for r in receipts))
sys.exit(1 if failed else 0)
