"""Writes the legacy-format copies of `surveys/example-belts-2024.csv` that the tests read:
`belts.xls` (Excel 97-2003, with xlwt) and `belts.ods` (OpenDocument, with odfpy). Numbers go
in as numeric cells, the labels as text, the header in Chinese names for the .ods (as a
spreadsheet exported by a Chinese office suite would have it) and ids for the .xls.

    pip install xlwt odfpy && python3 tests/data/workbooks/legacy/make.py
"""
import csv
import os
import tomllib

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..", "..")
with open(os.path.join(root, "surveys", "example-belts-2024.csv"), encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
with open(os.path.join(root, "indicators", "cbec-belt.toml"), "rb") as f:
    names = {i["id"]: i["name_zh"] for i in tomllib.load(f)["indicators"]}
header, body = rows[0], rows[1:]

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("Data")
for c, name in enumerate(header):
    sheet.write(0, c, name)
for r, row in enumerate(body, start=1):
    sheet.write(r, 0, row[0])
    for c, cell in enumerate(row[1:], start=1):
        if cell:
            sheet.write(r, c, float(cell))
book.save(os.path.join(here, "belts.xls"))

doc = OpenDocumentSpreadsheet()
table = Table(name="数据")
zh_header = ["标签"] + [names[i] for i in header[1:]]
for r, row in enumerate([zh_header] + body):
    tr = TableRow()
    for c, cell in enumerate(row):
        if r > 0 and c > 0 and cell:
            tc = TableCell(valuetype="float", value=cell)
        else:
            tc = TableCell(valuetype="string")
        tc.addElement(P(text=cell))
        tr.addElement(tc)
    table.addElement(tr)
doc.spreadsheet.addElement(table)
doc.save(os.path.join(here, "belts.ods"))
