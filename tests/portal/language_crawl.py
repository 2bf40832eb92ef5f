"""A crawl of the public site in one language that collects text of the other language.

A visitor of /zh-hans/ should read Chinese everywhere: the interface's words, and the data's
(districts, industries, tags, dates). What may stay in Latin letters is what has no Chinese
form: names that exist only in Latin letters, codes, units and the like (ALLOWED_LATIN), and
any text inside an element marked with the other language's `lang`, as a name given in both
scripts must be (so that screen readers pronounce it). The English site is read the same way
for Chinese characters.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Words in Latin letters that are right on a Chinese page: they have no Chinese form, or
# Chinese readers write them in Latin letters too.
# fmt: off
ALLOWED_LATIN = {
    # formats, codes and units
    "PDF", "CSV", "XLSX", "ICS", "iCalendar", "RSS", "Atom", "WGS", "GCJ", "km", "m", "min",
    "h", "CV", "QR", "URL", "ID", "HTML", "XML", "JSON", "API", "UTC", "GMT", "AM", "PM",
    "No", "ICP", "Wi", "Fi", "WiFi", "App", "APP", "VR", "AI", "IT", "GDP", "EMU", "PPP",
    # keys of the keyboard, printed on it in Latin letters
    "Tab", "Enter", "Esc",
    # map credits and software named by its own name
    "Leaflet", "OpenStreetMap", "contributors", "Wagtail", "English",
    # names that exist only in Latin letters
    "IFS", "SKP", "MixC", "Raffles", "JW", "Moxy", "SF", "Express",
    # software and techniques that Chinese job ads name in Latin letters
    "Excel", "PLC", "Python", "Linux", "Photoshop", "WMS", "CAD", "Java", "SQL", "ERP",
}
# fmt: on
# A word of letters only: letters next to digits are a code (A01, 91500000MADEM0010G, G85).
LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?(?![\w-])", re.ASCII)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# Chinese text takes full-width punctuation: "（北京时间）", "电子票：", not "(北京时间)".
ASCII_PUNCTUATION_IN_CHINESE = re.compile(
    r"[\u3400-\u9fff][,:;!?()]|[(][\u3400-\u9fff]|[\u3400-\u9fff] [,:;!?)]"
)
# Address-like runs that carry no language: e-mail addresses, web addresses, file names.
NEUTRAL = re.compile(
    r"\S+@\S+|https?://\S+|www\.\S+|[\w-]*\.(?:pdf|ics|csv|xlsx|json|png|jpg)\b", re.IGNORECASE
)
SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "svg", "code", "pre", "kbd"}
READ_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


@dataclass
class Finding:
    path: str
    text: str


class ForeignTextReader(HTMLParser):
    """Collects the text of a page that is in `page_language` but looks like the other one."""

    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, skipped)
        self.found: list[str] = []
        self.links: list[str] = []

    def _language(self) -> str:
        for _tag, lang, _skipped in reversed(self.stack):
            if lang:
                return lang.lower()
        return self.page_language

    def _skipped(self) -> bool:
        return any(skipped for _tag, _lang, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        lang = attributes.get("lang")
        skipped = tag in SKIPPED_ELEMENTS or "hidden" in attributes
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))
        if not (self._skipped() or skipped):
            language = (lang or self._language()).lower()
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self._read(attributes[name], language)
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self._read(attributes.get("value") or "", language)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self._skipped():
            self._read(data, self._language())

    def _read(self, text: str, language: str) -> None:
        text = NEUTRAL.sub(" ", text)
        if language.startswith("zh"):
            words = [w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN]
            if words or ASCII_PUNCTUATION_IN_CHINESE.search(text):
                self.found.append(" ".join(text.split())[:160])
        elif HAN.search(text):
            self.found.append(" ".join(text.split())[:160])


@dataclass
class Crawl:
    client: object
    language: str  # "zh-hans" or "en"
    start: list[str]
    per_shape: int = 8
    limit: int = 400
    findings: list[Finding] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def shape(self, path: str) -> str:
        """Pages of one kind teach the same, so only a few of each are read: a vacancy or an
        organisation by its number, a listing by its parameters' names. Pages named by a slug
        (places, articles, events) are all read: each has its own data."""
        parts = urlsplit(path)
        segments = ["#" if part.isdigit() else part for part in parts.path.strip("/").split("/")]
        names = sorted(name.split("=")[0] for name in parts.query.split("&") if name)
        return "/".join(segments) + "?" + "&".join(names)

    def run(self) -> "Crawl":
        prefix = f"/{self.language}/"
        queue, seen, shapes = deque(self.start), set(self.start), {}
        while queue and len(self.visited) < self.limit:
            path = queue.popleft()
            shape = self.shape(path)
            if shapes.get(shape, 0) >= self.per_shape and path not in self.start:
                continue
            response = self.client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            self.visited.append(path)
            reader = ForeignTextReader(self.language)
            reader.feed(response.content.decode())
            self.findings += [Finding(path, text) for text in reader.found]
            for href in reader.links:
                target = urljoin(path, href)
                parts = urlsplit(target)
                if parts.netloc or not parts.path.startswith(prefix):
                    continue
                if any(s in parts.path for s in ("/accounts/", "/logout", ".ics", ".pdf", "/go/")):
                    continue
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if local not in seen:
                    seen.add(local)
                    queue.append(local)
        return self
