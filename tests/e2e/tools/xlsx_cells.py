#!/usr/bin/env python3
"""Lists an xlsx workbook's cells as the spreadsheet will read them, straight from its XML.

Usage: xlsx_cells.py FILE
Prints one line per sheet, `sheet<TAB>NAME<TAB>frozen=CELL` (the top-left cell below the frozen
pane, or none), then one line per cell: `NAME!REF<TAB>TYPE<TAB>VALUE<TAB>FORMAT`, where TYPE is
text (a shared or inline string), number, date (a number shown with a date format) or formula.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_DATES = set(range(14, 23)) | {45, 46, 47}


def text_of(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % NS["m"]))


def main(path):
    book = zipfile.ZipFile(path)
    names = set(book.namelist())
    shared = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append(text_of(si))
    styles = ET.fromstring(book.read("xl/styles.xml"))
    formats = {int(f.get("numFmtId")): f.get("formatCode")
               for f in styles.findall("m:numFmts/m:numFmt", NS)}
    xf_formats = [int(xf.get("numFmtId", "0")) for xf in styles.findall("m:cellXfs/m:xf", NS)]
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
    for sheet in ET.fromstring(book.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
        name = sheet.get("name")
        target = rels[sheet.get(REL)].lstrip("/")
        xml = ET.fromstring(book.read(target if target.startswith("xl/") else "xl/" + target))
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = pane.get("topLeftCell") if pane is not None and pane.get("state") == "frozen" else "none"
        print(f"sheet\t{name}\tfrozen={frozen}")
        for cell in xml.iter("{%s}c" % NS["m"]):
            kind = cell.get("t", "n")
            value_node = cell.find("m:v", NS)
            value = value_node.text if value_node is not None else ""
            fmt_id = xf_formats[int(cell.get("s", "0"))]
            fmt = formats.get(fmt_id, f"builtin:{fmt_id}")
            if cell.find("m:f", NS) is not None:
                kind = "formula"
            elif kind == "s":
                kind, value = "text", shared[int(value)]
            elif kind == "inlineStr":
                kind, value = "text", text_of(cell)
            elif kind == "n":
                is_date = fmt_id in BUILTIN_DATES or re.search(r"[yd]", re.sub(r'"[^"]*"', "", fmt or ""))
                kind = "date" if is_date and fmt_id != 0 else "number"
            print(f"{name}!{cell.get('r')}\t{kind}\t{value}\t{fmt}")


if __name__ == "__main__":
    main(sys.argv[1])
