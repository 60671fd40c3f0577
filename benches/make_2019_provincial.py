#!/usr/bin/env python3
"""Builds www/samples/2019_provincial_office.txt: a 16.7 KB 2019-format report of a provincial
government office, the size and finding count of the one issue 12 timed (16.7 KB, 91 findings; that
report is not in the corpus). Built from tests/fixtures/2020_department_2019_format.txt: the year moved to 2019, the
reporter made a provincial 人民政府办公厅, 总体情况 padded with the fixture's and the seeds' prose, and
78 cells of table 3 left blank (90 findings: 78 blank cells, 11 broken sums, 1 date). Deterministic; re-run after changing the fixture."""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "tests/fixtures/2020_department_2019_format.txt").read_text(encoding="utf-8")
seed = (root / "tests/fixtures/2008_public_utilities_bureau.txt").read_text(encoding="utf-8")
TARGET = 16_700
BLANK = 78  # 13 rows x 6 cells: with the sums they break, ~90 findings

text = src.replace("江州市生态环境局", "某某省人民政府办公厅").replace("2021年1月18日", "2020年3月20日")
text = text.replace("2021年", "2020年").replace("2020", "2019")
lines = text.split("\n")

# Table 3: the six applicant columns of its first data rows left blank.
blanked, out = 0, []
for line in lines:
    cells = line.split("\t")
    if blanked < BLANK and len(cells) >= 8 and all(c.strip().lstrip("-").isdigit() for c in cells[-7:]):
        for k in range(len(cells) - 7, len(cells) - 1):
            cells[k] = ""
        blanked += 6
        line = "\t".join(cells)
    out.append(line)
assert blanked == BLANK, blanked
text = "\n".join(out)

# Pad 总体情况 with prose paragraphs until the report is TARGET bytes.
filler = [l.strip() for l in (src + "\n" + seed).split("\n") if len(l.strip()) > 60 and "\t" not in l]
at = text.index("二、主动公开政府信息情况")
pad, i = "", 0
while len((text[:at] + pad + text[at:]).encode()) < TARGET:
    pad += filler[i % len(filler)] + "\n\n"
    i += 1
data = (text[:at] + pad + text[at:]).encode()
# Trim the last padding paragraph to land on TARGET bytes exactly (at a character boundary).
excess = len(data) - TARGET
if excess > 0:
    last = pad.rstrip("\n").rsplit("\n", 1)[-1]
    cut = last.encode()[: max(0, len(last.encode()) - excess)].decode("utf-8", "ignore")
    pad = pad[: len(pad) - len(last) - 2] + cut + "\n\n"
text = text[:at] + pad + text[at:]
(root / "www/samples/2019_provincial_office.txt").write_text(text, encoding="utf-8")
print(len(text.encode()), "bytes")
