"""The web interface, used as a person would: headless Chromium driven by Selenium, each page checked
against the API and `ppo`, and by axe-core for accessibility. Run by scripts/test-web, which starts
ppod with the samples and sets PPOD_URL and PPO_BIN."""

import base64
import http.client
import json
import os
import subprocess
import tempfile
import unittest
import urllib.parse

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["PPOD_URL"]
PPO = os.environ["PPO_BIN"]
SCREENSHOTS = os.environ.get("WEB_SCREENSHOTS") or None
MATRIX = "Prolific Offender Prioritisation"
MATRIX_PATH = "/ui/matrices/" + urllib.parse.quote(MATRIX)
AS_OF = "2026-11-22"
TOKENS = {
    "admin": "sample-admin-token",
    "analyst": "sample-northtown-analyst-token",
    "manager": "sample-northtown-manager-token",
    "tasking": "sample-northtown-tasking-token",
    "southvale": "sample-southvale-manager-token",
}
# The pages each sample role opens, and those it is refused (403).
PAGES = {
    "admin": ["/ui/today?date=2026-11-23", MATRIX_PATH + "?as_of=" + AS_OF, "/ui/offenders/NT-0001?as_of=" + AS_OF,
              "/ui/premium-service?as_of=2026-11-23", "/ui/rules", "/ui/runs", "/ui/audit",
              MATRIX_PATH + "/ineligible?as_of=" + AS_OF],
    "analyst": [MATRIX_PATH + "?as_of=" + AS_OF, "/ui/offenders/NT-0001?as_of=" + AS_OF, "/ui/rules", "/ui/runs"],
    "manager": ["/ui/today?date=2026-11-23", MATRIX_PATH + "?as_of=" + AS_OF, "/ui/offenders/NT-0005?as_of=" + AS_OF,
                "/ui/premium-service?as_of=2026-11-23", "/ui/panel?date=2026-11-23", "/ui/offenders/NT-0034/decide"],
    "tasking": ["/ui/today?date=2026-11-23", "/ui/premium-service?as_of=2026-11-23", "/ui/rules"],
    "southvale": [MATRIX_PATH + "?as_of=" + AS_OF],
}
REFUSED = {
    "analyst": ["/ui/today", "/ui/premium-service", "/ui/audit", "/ui/offenders/NT-0001/decide"],
    "tasking": [MATRIX_PATH, "/ui/audit"],
    "manager": ["/ui/audit"],
}
SCRIPT_NAME = "<img src=x onerror=alert(1)>"


def api(path, token, method="GET", body=None):
    """An API call with a bearer token: (status, parsed JSON or text)."""
    parts = urllib.parse.urlsplit(URL)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Authorization": "Bearer " + token}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, text


def raw(path, cookie=None, method="GET", form=None):
    """A request as a browser without ppod's page would make it: (status, headers, body)."""
    parts = urllib.parse.urlsplit(URL)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {}
    if cookie:
        headers["Cookie"] = "ppod_session=" + cookie
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    result = (response.status, dict(response.getheaders()), text)
    connection.close()
    return result


def record_sample_decisions():
    """samples/decisions.jsonl recorded one by one as a manager would: ppod gives each its id, so a
    correction names the id ppod gave the decision it supersedes."""
    given = {}
    with open("samples/decisions.jsonl", encoding="utf-8") as lines:
        for line in lines:
            decision = json.loads(line)
            original = decision.pop("id")
            for field in ("recorded_at", "decided_by", "role"):
                decision.pop(field, None)
            if "supersedes" in decision:
                decision["supersedes"] = given[decision["supersedes"]]
            status, answer = api("/v1/decisions", TOKENS["admin"], "POST", json.dumps(decision) + "\n")
            assert status == 201, (status, answer)
            given[original] = answer["decisions"][0]["id"]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                     "--force-device-scale-factor=1", "--lang=en-GB"]:
        options.add_argument(argument)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(120)
    # A viewport of exactly 1280×800, as the screenshots in docs/web/ show it.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return driver


class WebPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        # An offender whose name is markup: it must show as text and run nothing.
        record = {"id": "NT-9001", "name": SCRIPT_NAME, "area": "Northtown", "dob": "1990-01-01"}
        status, _ = api("/v1/offenders?source=web-test", TOKENS["admin"], "PUT", json.dumps(record) + "\n")
        assert status == 200, status
        record_sample_decisions()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.driver.delete_all_cookies()

    def sign_in(self, role):
        driver = self.driver
        driver.get(URL + "/ui/sign-in")
        driver.find_element(By.ID, "token").send_keys(TOKENS[role])
        driver.find_element(By.CSS_SELECTOR, "form.sign-in button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda d: "/ui/sign-in" not in d.current_url,
                                        "signing in as " + role + " did not leave the sign-in page")

    def open(self, path):
        self.driver.get(URL + path)
        return self.driver

    def session_cookie(self):
        cookie = self.driver.get_cookie("ppod_session")
        self.assertIsNotNone(cookie)
        return cookie["value"]

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def check_accessible(self, label):
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        detail = "; ".join(v["id"] + ": " + v["help"] + " " + str([n["target"] for n in v["nodes"]][:3]) for v in bad)
        self.assertEqual(bad, [], label + ": " + detail)

    # Every page, for every role: it opens, it is accessible, and the refused ones are refused.
    def test_every_role_opens_its_pages_and_they_pass_axe(self):
        for role, paths in PAGES.items():
            with self.subTest(role=role):
                self.sign_in(role)
                for path in paths:
                    self.open(path)
                    self.assertNotIn("Not found", self.heading(), role + " " + path)
                    self.assertNotIn("do not allow", self.heading(), role + " " + path)
                    self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, ".marking-top").text, "OFFICIAL-SENSITIVE")
                    self.check_accessible(role + " " + path)
                for path in REFUSED.get(role, []):
                    status, _, _ = raw(path, cookie=self.session_cookie())
                    self.assertEqual(status, 403, role + " should be refused " + path)
                self.driver.delete_all_cookies()

    def test_sign_in_page_is_accessible_and_refuses_a_wrong_token(self):
        self.open("/ui/sign-in")
        self.check_accessible("sign-in")
        self.driver.find_element(By.ID, "token").send_keys("not-a-token")
        self.driver.find_element(By.CSS_SELECTOR, "form.sign-in button[type=submit]").click()
        problem = WebDriverWait(self.driver, 30).until(lambda d: d.find_elements(By.ID, "problem"))
        self.assertIn("not known", problem[0].text)
        self.assertIsNone(self.driver.get_cookie("ppod_session"))

    def test_keyboard_alone_signs_in_and_reaches_an_offender(self):
        driver = self.driver
        self.open("/ui/sign-in")
        body = driver.find_element(By.TAG_NAME, "body")

        def tab_to(predicate, limit=60):
            for _ in range(limit):
                driver.switch_to.active_element.send_keys(Keys.TAB)
                if predicate(driver.switch_to.active_element):
                    return driver.switch_to.active_element
            self.fail("no focusable element matched within %d tabs" % limit)

        body.send_keys(Keys.TAB)
        token = tab_to(lambda e: e.get_attribute("id") == "token")
        token.send_keys(TOKENS["analyst"] + Keys.ENTER)
        WebDriverWait(driver, 30).until(lambda d: "/ui/sign-in" not in d.current_url)
        # The first Tab reaches the skip link; it moves focus to the content.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        self.assertEqual(driver.switch_to.active_element.text, "Skip to content")
        link = tab_to(lambda e: e.tag_name == "a" and e.text == "NT-0001")
        link.send_keys(Keys.ENTER)
        WebDriverWait(driver, 30).until(lambda d: "/ui/offenders/NT-0001" in d.current_url)
        self.assertIn("NT-0001", self.heading())

    def test_analyst_cannot_open_todays_alerts(self):
        self.sign_in("analyst")
        self.open("/ui/today?date=2026-11-23")
        self.assertIn("do not allow", self.heading())
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "table.alerts-table"), [])
        # Nor is the link offered.
        links = [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "nav[aria-label=Main] a")]
        self.assertNotIn("Today", links)

    def test_list_equals_the_api_ranking(self):
        status, ranking = api("/v1/matrices/" + urllib.parse.quote(MATRIX) + "/ranking?as_of=" + AS_OF, TOKENS["analyst"])
        self.assertEqual(status, 200)
        expected = [(str(o["rank"]), o["id"], str(o["score"]), o["tier"] or "") for o in ranking["offenders"]]
        self.sign_in("analyst")
        self.open(MATRIX_PATH + "?as_of=" + AS_OF)
        rows = self.driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
        shown = []
        for row in rows:
            cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
            shown.append((cells[0], cells[1], cells[3], cells[4]))
        self.assertEqual(shown, expected[:100])
        self.assertGreater(len(shown), 10)
        # The tier filter shows exactly the API's offenders of that tier.
        self.open(MATRIX_PATH + "?as_of=" + AS_OF + "&tier=High")
        high = [r.find_elements(By.TAG_NAME, "td")[1].text for r in self.driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")]
        self.assertEqual(high, [o["id"] for o in ranking["offenders"] if o["tier"] == "High"])

    def test_power_search_finds_what_the_records_say(self):
        import datetime
        as_of = datetime.date(2026, 11, 23)
        records = {}
        with open("samples/offenders.jsonl", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                records[record["id"]] = record

        def day(text):
            return datetime.date.fromisoformat(text) if text else None

        def released_soon(record):
            for custody in record.get("custody", []):
                received, release = day(custody.get("received")), day(custody.get("release"))
                if not custody.get("released") and received and release and received <= as_of <= release \
                        and (release - as_of).days <= 28:
                    return True
            return False

        def cross_border(record):
            return any(o.get("area") and o.get("date") and day(o["date"]) <= as_of and o["area"] != record.get("area")
                       for o in record.get("offences", []))

        # Every area: the samples' cross-border offender lives in Southvale.
        status, ranking = api("/v1/matrices/" + urllib.parse.quote(MATRIX) + "/ranking?as_of=2026-11-23", TOKENS["admin"])
        ranked = [o["id"] for o in ranking["offenders"] if o["id"] in records]
        self.sign_in("admin")
        for parameters, expected in (("released_within=28", [i for i in ranked if released_soon(records[i])]),
                                     ("cross_border=true", [i for i in ranked if cross_border(records[i])])):
            self.open(MATRIX_PATH + "?as_of=2026-11-23&" + parameters)
            shown = [r.find_elements(By.TAG_NAME, "td")[1].text
                     for r in self.driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")]
            self.assertEqual(shown, expected, parameters)
            self.assertGreater(len(shown), 0, parameters + " finds someone in the samples")

    def test_list_shows_the_cohort_status(self):
        self.sign_in("manager")
        self.open(MATRIX_PATH + "?as_of=2026-11-23&status=adopted")
        statuses = [r.find_elements(By.TAG_NAME, "td")[7].text for r in self.driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")]
        self.assertGreater(len(statuses), 0)
        self.assertTrue(all(s.startswith("adopted") for s in statuses), statuses)
        ids = [r.find_elements(By.TAG_NAME, "td")[1].text for r in self.driver.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")]
        self.assertIn("NT-0005", ids)

    def test_offender_form_equals_ppo_explain(self):
        explained = json.loads(subprocess.run(
            [PPO, "explain", "NT-0001", "--matrix", MATRIX, "--data", "samples/offenders.jsonl", "--as-of", AS_OF],
            check=True, capture_output=True, text=True).stdout)
        self.sign_in("analyst")
        self.open("/ui/offenders/NT-0001?as_of=" + AS_OF)
        lines = []
        for table in ("offences", "factors"):
            for row in self.driver.find_elements(By.CSS_SELECTOR, "#" + table + " tbody tr"):
                label = row.find_element(By.TAG_NAME, "th").text
                points = row.find_elements(By.TAG_NAME, "td")[-1].text
                lines.append((label, points))
        expected = [(line["label"], str(line["points"])) for line in explained["lines"]]
        self.assertEqual(lines, expected)
        self.assertEqual(self.driver.find_element(By.ID, "total").text, str(explained["score"]))
        # Every record behind a line is linked to its place in the timeline.
        link = self.driver.find_element(By.CSS_SELECTOR, "#offences .records a")
        target = link.get_attribute("href").split("#", 1)[1]
        self.assertEqual(self.driver.find_element(By.ID, target).find_elements(By.TAG_NAME, "td")[3].text, link.text)

    def test_southvale_manager_gets_404_for_a_northtown_offender(self):
        self.sign_in("southvale")
        self.open("/ui/offenders/NT-0001?as_of=" + AS_OF)
        self.assertEqual(self.heading(), "Not found")
        status, _, body = raw("/ui/offenders/NT-0001", cookie=self.session_cookie())
        self.assertEqual(status, 404)
        self.assertNotIn("Alfie", body)

    def test_sign_out_ends_the_session(self):
        self.sign_in("manager")
        cookie = self.session_cookie()
        self.open(MATRIX_PATH + "?as_of=" + AS_OF)
        self.driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
        WebDriverWait(self.driver, 30).until(lambda d: "/ui/sign-in" in d.current_url)
        self.open(MATRIX_PATH)
        self.assertIn("/ui/sign-in", self.driver.current_url)
        # The old cookie, sent again, opens nothing.
        status, headers, _ = raw(MATRIX_PATH, cookie=cookie)
        self.assertEqual(status, 303)
        self.assertTrue(headers.get("Location", "").startswith("/ui/sign-in"))

    def test_a_post_without_the_form_token_is_refused(self):
        self.sign_in("manager")
        cookie = self.session_cookie()
        status, _, _ = raw("/ui/sign-out", cookie=cookie, method="POST", form={})
        self.assertEqual(status, 403)
        status, _, _ = raw("/ui/sign-out", cookie=cookie, method="POST", form={"_csrf": "0" * 64})
        self.assertEqual(status, 403)
        # The session is still open: the forged request changed nothing.
        status, _, _ = raw(MATRIX_PATH + "?as_of=" + AS_OF, cookie=cookie)
        self.assertEqual(status, 200)

    def test_markup_in_a_name_is_shown_as_text(self):
        self.sign_in("analyst")
        self.open("/ui/offenders/NT-9001?as_of=" + AS_OF)
        self.assertIn(SCRIPT_NAME, self.heading())
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main img"), [])
        with self.assertRaises(NoAlertPresentException):
            self.driver.switch_to.alert.text
        self.open(MATRIX_PATH + "?as_of=" + AS_OF + "&search=NT-9001")
        self.assertIn(SCRIPT_NAME, self.driver.find_element(By.CSS_SELECTOR, "table.ranking").text)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main img"), [])

    def test_pages_carry_the_security_headers(self):
        self.sign_in("analyst")
        status, headers, _ = raw(MATRIX_PATH + "?as_of=" + AS_OF, cookie=self.session_cookie())
        self.assertEqual(status, 200)
        policy = headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["Referrer-Policy"], "no-referrer")
        # The session cookie as the browser holds it.
        cookie = self.driver.get_cookie("ppod_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")

    def test_offender_page_prints_as_a4_with_the_marking_on_every_page(self):
        self.sign_in("manager")
        self.open("/ui/offenders/NT-0001?as_of=" + AS_OF)
        total = self.driver.find_element(By.ID, "total").text
        pdf = self.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "offender.pdf")
            with open(path, "wb") as out:
                out.write(base64.b64decode(pdf["data"]))
            info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
            self.assertIn("(A4)", info)
            pages = int([line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")][0])
            for page in range(1, pages + 1):
                text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), path, "-"],
                                      check=True, capture_output=True, text=True).stdout
                self.assertIn("OFFICIAL-SENSITIVE", text, "page %d has no marking" % page)
                if page == 1:
                    # The whole form is on the first sheet: its lines, the weighting and the total.
                    self.assertIn("Crime categories", text)
                    self.assertIn("Total", text)
                    self.assertIn(total, text)
                    self.assertIn("Main-category weighting", text)

    def test_panel_pack_equals_the_api(self):
        status, pack = api("/v1/panel?as_of=2026-11-23", TOKENS["manager"])
        self.assertEqual(status, 200)
        self.sign_in("manager")
        self.open("/ui/panel?date=2026-11-23")
        for key in ("newly_recommended", "ties_at_capacity", "reviews_due", "deselection_prompts"):
            section = self.driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=section-" + key + "]")
            rows = section.find_elements(By.CSS_SELECTOR, "tbody tr")
            shown = [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows if len(r.find_elements(By.TAG_NAME, "td")) > 1]
            self.assertEqual(shown, [item["offender"] for item in pack[key]], key)
        self.assertGreater(len(pack["reviews_due"]), 0, "the samples have reviews due on 2026-11-23")

    def test_a_manager_records_a_decision_and_it_is_on_the_record(self):
        self.sign_in("manager")
        self.open("/ui/panel?date=2026-11-23")
        self.driver.find_element(By.CSS_SELECTOR, "a[href*='/ui/offenders/NT-0036/decide']").click()
        WebDriverWait(self.driver, 30).until(lambda d: "/decide" in d.current_url)
        self.check_accessible("decision form")
        driver = self.driver
        Select(driver.find_element(By.ID, "decision")).select_by_value("defer")
        Select(driver.find_element(By.ID, "reason")).select_by_visible_text("more_information")
        driver.find_element(By.ID, "note").send_keys("Awaiting the probation report <b>before</b> deciding.")
        driver.find_element(By.CSS_SELECTOR, ".decision-form button[type=submit]").click()
        recorded = WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "recorded"))[0].text
        decision_id = recorded.split()[1]
        history = driver.find_element(By.ID, "history").text
        self.assertIn(decision_id, history)
        self.assertIn("<b>before</b>", history)
        status, lines = api("/v1/decisions?offender=NT-0036", TOKENS["manager"])
        self.assertEqual(status, 200)
        stored = [json.loads(line) for line in lines.splitlines()] if isinstance(lines, str) else [lines]
        mine = [d for d in stored if d["id"] == decision_id]
        self.assertEqual(len(mine), 1)
        self.assertEqual((mine[0]["decision"], mine[0]["reason"], mine[0]["decided_by"]),
                         ("defer", "more_information", "northtown-manager"))
        self.assertIn("saw", mine[0])
        # The list now shows the decision.
        self.open(MATRIX_PATH + "?as_of=2026-11-23&search=NT-0036")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "table.ranking tbody tr td:nth-child(8)").text, "deferred")

    def test_a_decision_without_the_form_token_is_not_recorded(self):
        self.sign_in("manager")
        cookie = self.session_cookie()
        before = api("/v1/decisions?offender=NT-0033", TOKENS["manager"])[1]
        status, _, _ = raw("/ui/offenders/NT-0033/decide", cookie=cookie, method="POST",
                           form={"scheme": "Northtown IOM", "decision": "decline", "reason": "below_threshold",
                                 "effective": "2026-11-23"})
        self.assertEqual(status, 403)
        self.assertEqual(api("/v1/decisions?offender=NT-0033", TOKENS["manager"])[1], before)

    def test_screenshots(self):
        if not SCREENSHOTS:
            self.skipTest("screenshots are written by scripts/test-web --screenshots")
        shots = [("tasking", "/ui/today?date=2026-11-23", "today"),
                 ("manager", MATRIX_PATH + "?as_of=2026-11-23", "list"),
                 ("manager", "/ui/offenders/NT-0001?as_of=" + AS_OF, "offender"),
                 ("manager", "/ui/premium-service?as_of=2026-11-23", "premium-service"),
                 ("analyst", "/ui/rules", "rules"),
                 ("admin", "/ui/runs", "runs"),
                 ("admin", "/ui/audit", "audit"),
                 ("manager", "/ui/panel?date=2026-11-23", "panel"),
                 ("manager", "/ui/offenders/NT-0005/decide", "decide")]
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.open("/ui/sign-in")
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, "sign-in.png"))
        for role, path, name in shots:
            self.driver.delete_all_cookies()
            self.sign_in(role)
            self.open(path)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, name + ".png"))


if __name__ == "__main__":
    unittest.main()
