#!/usr/bin/env python3
"""Checks a report's PDF (printed by Chromium) page by page against its HTML, with poppler.

Usage: print_check.py REPORT.html REPORT.pdf
Prints `pages=N heading_at_foot=K split_rows=K hash_line=ok|broken|absent min_fill=F`, then a
line per problem. A heading at a page foot: the last line of a page is an h1/h2 or a chart's
title. A split row: a figures-table row whose label and the end of its value are on different
pages. The hash line: the audit chain head's label and its whole 64-digit hash on one line.
Fill: how far down the last text of each page but the last reaches (0 to 1).
"""
import html.parser
import re
import subprocess
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.captions, self.figures = [], [], []
        self.stack, self.text, self.row = [], "", []
        self.in_figures = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.in_figures = attrs.get("class") == "figures"
        if tag in ("h1", "h2", "figcaption", "th", "td", "title"):
            self.stack.append(tag)
            self.text = ""
        if tag == "br" and self.stack and self.stack[-1] == "figcaption":
            self.captions.append(self.text.strip())
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            return
        self.stack.pop()
        text = " ".join(self.text.split())
        if tag in ("h1", "h2"):
            self.headings.append(text)
        elif tag == "figcaption":
            self.captions.append(text)
        elif tag in ("th", "td") and self.in_figures:
            self.row.append(text)
            if len(self.row) == 2:
                self.figures.append(tuple(self.row))
                self.row = []

    def handle_data(self, data):
        if self.stack and self.stack[-1] != "title":
            self.text += data


def pdf_text(pdf, page, *options):
    return subprocess.run(["pdftotext", *options, "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout


def main(html_path, pdf_path):
    page = Page()
    page.feed(open(html_path, encoding="utf-8").read())
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    texts = [pdf_text(pdf_path, p, "-layout") for p in range(1, pages + 1)]
    flat = [" ".join(t.split()) for t in texts]
    problems = []
    feet = set(page.headings) | set(page.captions)
    for number, text in enumerate(texts, start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        if lines and lines[-1] in feet:
            problems.append(f"heading at the foot of page {number}: {lines[-1]}")
    heading_feet = len(problems)
    for label, value in page.figures:
        label_pages = [n for n, t in enumerate(flat) if label in t]
        tail = value.split()[-1] if value.split() else ""
        if label_pages and tail and tail not in flat[label_pages[0]]:
            problems.append(f"split row: '{label}' on page {label_pages[0] + 1}, '{tail}' is not")
    split = len(problems) - heading_feet
    hash_line = "absent"
    for label, value in page.figures:
        digest = re.search(r"[0-9a-f]{64}", value)
        if label.startswith("Audit chain head") and digest:
            ok = any(label in line and digest.group(0) in line
                     for t in texts for line in (" ".join(l.split()) for l in t.splitlines()))
            hash_line = "ok" if ok else "broken"
    fills = []
    for number in range(1, pages):
        box = pdf_text(pdf_path, number, "-bbox")
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', box)]
        fills.append(max(bottoms, default=0) / height)
        if fills[-1] < 0.5:
            problems.append(f"page {number} is filled to {fills[-1]:.2f} of its height")
    print(f"pages={pages} heading_at_foot={heading_feet} split_rows={split} "
          f"hash_line={hash_line} min_fill={min(fills, default=1):.2f}")
    for problem in problems:
        print(problem)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
