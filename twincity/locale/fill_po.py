"""Fill django.po from zh_Hans.json (source string -> translation), then `make messages` compiles it.

Keeping the translations in one JSON file lets `makemessages` rewrite the .po freely.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
ENTRY = re.compile(
    r'(?:msgctxt ((?:"(?:[^"\\]|\\.)*"\n)+))?(msgid (?:"(?:[^"\\]|\\.)*"\n)+)(msgid_plural (?:"(?:[^"\\]|\\.)*"\n)+)?((?:msgstr(?:\[\d\])? (?:"(?:[^"\\]|\\.)*"\n)+)+)'
)


def unquote(block: str) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in block.strip().splitlines())


def fill(po_path: Path, translations: dict) -> list[str]:
    missing = []

    def replace(match: re.Match) -> str:
        msgid = unquote(match.group(2)[len("msgid ") :])
        if not msgid:
            return match.group(0)
        context, plural = match.group(1), match.group(3)
        head = match.group(0)[: match.start(4) - match.start(0)]
        if context:
            # An English word with two Chinese ones: the JSON key is "context\u0004msgid",
            # as gettext itself joins them.
            msgid = unquote(context) + "\x04" + msgid
        if msgid not in translations:
            # Never let makemessages' fuzzy guess stand in for a translation.
            missing.append(msgid)
            empty = 'msgstr[0] ""\n' if plural else 'msgstr ""\n'
            return head + empty
        value = translations[msgid]
        if plural:
            forms = value if isinstance(value, list) else [value]
            strs = "".join(
                f"msgstr[{i}] {json.dumps(form, ensure_ascii=False)}\n"
                for i, form in enumerate(forms)
            )
            return head + strs
        return head + f"msgstr {json.dumps(value, ensure_ascii=False)}\n"

    text = ENTRY.sub(replace, po_path.read_text(encoding="utf-8"))
    text = text.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        '"Plural-Forms: nplurals=1; plural=0;\\n"',
    )
    # Every msgstr now comes from the JSON (or is empty): no entry is a guess any more.
    text = re.sub(r"^#, fuzzy\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^#, fuzzy, ", "#, ", text, flags=re.MULTILINE)
    po_path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    # One file per area (zh_Hans.json for the portal, zh_Hans.<area>.json for the others), so
    # people working on different areas do not edit the same file.
    translations = {}
    for path in sorted(HERE.glob("zh_Hans*.json")):
        translations.update(json.loads(path.read_text(encoding="utf-8")))
    missing = fill(HERE / "zh_Hans" / "LC_MESSAGES" / "django.po", translations)
    if missing:
        sys.exit("No translation for:\n" + "\n".join(missing))
