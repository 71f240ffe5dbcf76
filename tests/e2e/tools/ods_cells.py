#!/usr/bin/env python3
"""Lists the cells of a flat OpenDocument spreadsheet (.fods, as LibreOffice converts an xlsx
to): `SHEET!ROW:COLUMN<TAB>TYPE<TAB>VALUE<TAB>SHOWN`, TYPE being LibreOffice's value type
(string, float, date, ...), VALUE its stored value and SHOWN the text it displays.

Usage: ods_cells.py FILE.fods
"""
import sys
import xml.etree.ElementTree as ET

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def main(path):
    root = ET.parse(path).getroot()
    for table in root.iter("{%s}table" % TABLE):
        name = table.get("{%s}name" % TABLE)
        for r, row in enumerate(table.iter("{%s}table-row" % TABLE), start=1):
            c = 0
            for cell in row.findall("{%s}table-cell" % TABLE):
                repeat = int(cell.get("{%s}number-columns-repeated" % TABLE, "1"))
                kind = cell.get("{%s}value-type" % OFFICE)
                if kind:
                    value = (cell.get("{%s}value" % OFFICE) or cell.get("{%s}date-value" % OFFICE)
                             or "")
                    shown = "".join(p.text or "" for p in cell.iter("{%s}p" % TEXT))
                    print(f"{name}!{r}:{c + 1}\t{kind}\t{value}\t{shown}")
                c += min(repeat, 1000)


if __name__ == "__main__":
    main(sys.argv[1])
