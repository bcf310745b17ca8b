"""The soak's clients, each a process of the load generator: what a visitor, a voter, a poster
and a monitoring probe do, and a record of every request with when it started and ended.

They speak plain HTTP to gunicorn as the TLS-terminating proxy would (bench.load.PROXY_HEADERS),
keep their cookies as a browser does, sign in through allauth's form and post forms with their
CSRF token, so each request goes through the same middleware and views as a person's.
"""

import http.client
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.load import PROXY_HEADERS, TIMEOUT_SECONDS

LOGIN_PATH = "/accounts/login/"
HEALTH_PATH = "/healthz"
#: Every soak reply carries "soakreply-<client>-<reply>": rows are matched to replies by it.
POST_MARKER = "soakreply"
#: Under the default per-user limits (community.ratelimits: 30 votes and 6 posts a minute),
#: so that a refusal for going too fast would be a finding, not the soak's own doing.
VOTE_INTERVAL = 2.2
POST_INTERVAL = 10.5
PROBE_INTERVAL = 0.25


@dataclass
class Answer:
    status: int  # 0: no answer (refused, reset or timed out)
    location: str = ""
    body: str = ""


@dataclass
class Plan:
    """What one client does between `start_at` and `deadline` (time.monotonic(), which every
    process of the machine shares)."""

    role: str  # "reader", "voter", "poster" or "probe"
    number: int  # the client's own number, unique in the run
    host: str
    port: int
    pages: list  # paths read between actions, in turn
    start_at: float = 0.0
    deadline: float = 0.0
    cookies: dict = field(default_factory=dict)  # a signed-in session, or nothing
    vote_paths: list = field(default_factory=list)  # (topic id, vote URL), each voted once
    reply_paths: list = field(default_factory=list)  # machina's "post a reply" form URLs


@dataclass
class Outcome:
    """What a client saw: every request as (action, started, finished, status, expected)."""

    role: str
    requests: list = field(default_factory=list)
    votes: list = field(default_factory=list)  # (topic id, acknowledged)
    posts: list = field(default_factory=list)  # (marker, acknowledged)
    cookies_set: list = field(default_factory=list)  # cookie names set by a reader's answers
    session_key: str = ""


class Browser:
    """One visitor's cookies and requests; a request that gets no answer has status 0."""

    def __init__(self, host, port, cookies=None):
        self.host = host
        self.port = port
        self.cookies = dict(cookies or {})
        self.last_cookie_names = []

    def request(self, method, path, fields=None):
        headers = {"Host": self.host, "User-Agent": "cocreate-soak", **PROXY_HEADERS}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            fields = {**(fields or {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # A browser's form post: Django checks the origin of secure requests.
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            return Answer(
                response.status,
                response.getheader("Location", ""),
                content.decode("utf-8", "replace"),
            )
        except (OSError, http.client.HTTPException):
            return Answer(0)
        finally:
            connection.close()

    def _keep_cookies(self, headers):
        self.last_cookie_names = []
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                self.last_cookie_names.append(name)
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class FormFields(HTMLParser):
    """The fields a browser would send from the form that has a field named `wanted`."""

    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted
        self.forms = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif self.forms and tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return  # a named submit button ("preview") would change what the form does
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.forms[-1][attrs["name"]] = attrs.get("value") or "on"
                return
            self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif self.forms and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.forms[-1][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def fields(self):
        return next((form for form in self.forms if self.wanted in form), None)


def form_fields(html, wanted):
    parser = FormFields(wanted)
    parser.feed(html)
    return parser.fields()


def sign_in(host, port, email, password):
    """Sign in through allauth's form as a person does; returns the browser's cookies."""
    browser = Browser(host, port)
    page = browser.request("GET", LOGIN_PATH)
    if page.status != 200:
        raise RuntimeError(f"{LOGIN_PATH} answered {page.status}")
    answer = browser.request("POST", LOGIN_PATH, {"login": email, "password": password})
    if answer.status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"signing in as {email} failed: {answer.status} {answer.location}")
    return browser.cookies


class Client:
    def __init__(self, plan):
        self.plan = plan
        self.browser = Browser(plan.host, plan.port, plan.cookies)
        self.outcome = Outcome(plan.role)
        self._page = 0

    def send(self, action, method, path, expected, fields=None):
        started = time.monotonic()
        answer = self.browser.request(method, path, fields)
        self.outcome.requests.append(
            (action, started, time.monotonic(), answer.status, answer.status == expected)
        )
        return answer

    def read_next_page(self):
        path = self.plan.pages[self._page % len(self.plan.pages)]
        self._page += 1
        self.send("read", "GET", path, 200)
        if self.plan.role == "reader":
            self.outcome.cookies_set += self.browser.last_cookie_names

    def vote(self):
        topic_id, path = self.plan.vote_paths.pop(0)
        answer = self.send("vote", "POST", path, 302)
        # Acknowledged: sent back to the idea, not to the sign-in or consent page.
        acknowledged = answer.status == 302 and "/accounts/" not in answer.location
        acknowledged = acknowledged and "consent" not in answer.location
        self.outcome.votes.append((topic_id, acknowledged))

    def reply(self, number):
        path = self.plan.reply_paths[number % len(self.plan.reply_paths)]
        form = self.send("reply form", "GET", path, 200)
        fields = form_fields(form.body, "content") if form.status == 200 else None
        if fields is None:
            return
        marker = f"{POST_MARKER}-{self.plan.number}-{number}"
        fields["content"] = f"Soak test reply {marker}: the refill pouch idea again, please."
        answer = self.send("reply", "POST", path, 302, fields)
        self.outcome.posts.append((marker, answer.status == 302))

    def run(self):
        plan = self.plan
        time.sleep(max(0.0, plan.start_at - time.monotonic()))
        next_action = plan.start_at + (0.5 if plan.role == "poster" else 0.0)
        replies = 0
        while (now := time.monotonic()) < plan.deadline:
            if plan.role == "probe":
                self.send("health", "GET", HEALTH_PATH, 200)
                time.sleep(max(0.0, PROBE_INTERVAL - (time.monotonic() - now)))
            elif plan.role == "voter" and now >= next_action and plan.vote_paths:
                next_action = now + VOTE_INTERVAL
                self.vote()
            elif plan.role == "poster" and now >= next_action:
                next_action = now + POST_INTERVAL
                self.reply(replies)
                replies += 1
            else:
                self.read_next_page()
        self.outcome.session_key = self.browser.cookies.get("sessionid", "")
        return self.outcome


def run_soak_client(plan):
    """The load generator's entry point for one soak client."""
    return Client(plan).run()
