#!/usr/bin/env python3
"""The manual's checks, for the test command.

  check_docs.py links            every relative link of README.md and docs/
                                 (and the other Markdown pages of the
                                 repository) names a file that exists, and
                                 an anchor a heading of that file makes
  check_docs.py extract LANG DIR writes each page's LANG blocks (python, c)
                                 to DIR/<page>.<ext>, one file a page, and
                                 prints the files' paths

Rust blocks are not extracted: the crate runs them as doctests
(core/src/lib.rs includes every page).
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = ["README.md", "python/README.md", "tests/corpus/README.md"] + sorted(
    os.path.join("docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md")
)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def prose(text):
    """The page without its fenced blocks: links in code are not links."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return out


def anchors(path):
    """The anchors GitHub makes of a page's headings."""
    made = set()
    for line in prose(open(path, encoding="utf-8").read()):
        m = re.match(r"^#{1,6} (.*)$", line)
        if m:
            slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            made.add(slug)
    return made


def links():
    broken = []
    for page in PAGES:
        path = os.path.join(ROOT, page)
        for number, line in enumerate(prose(open(path, encoding="utf-8").read()), 1):
            for target in LINK.findall(line):
                if re.match(r"^[a-z]+:", target):
                    continue  # a URL, not checked here
                file, _, anchor = target.partition("#")
                resolved = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
                if not os.path.exists(resolved):
                    broken.append(f"{page}: {target}: no file {os.path.relpath(resolved, ROOT)}")
                elif anchor and resolved.endswith(".md") and anchor not in anchors(resolved):
                    broken.append(f"{page}: {target}: no heading makes #{anchor}")
    for b in broken:
        print(b, file=sys.stderr)
    print(f"{len(PAGES)} pages, {len(broken)} broken links")
    return 1 if broken else 0


def extract(lang, outdir):
    ext = {"python": "py", "c": "c"}[lang]
    os.makedirs(outdir, exist_ok=True)
    for page in PAGES:
        blocks, current = [], None
        for line in open(os.path.join(ROOT, page), encoding="utf-8").read().split("\n"):
            if current is None and line == "```" + lang:
                current = []
            elif current is not None and line == "```":
                blocks.append("\n".join(current) + "\n")
                current = None
            elif current is not None:
                current.append(line)
        if blocks:
            name = page.replace("/", "-")[: -len(".md")]
            out = os.path.join(outdir, f"{name}.{ext}")
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n".join(blocks))
            print(out)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["links"]:
        sys.exit(links())
    if sys.argv[1:2] == ["extract"] and len(sys.argv) == 4:
        sys.exit(extract(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
