#!/usr/bin/env python3
"""The test classes that take longest, from the TRX files of a run.

    dotnet test OpenDti.slnx --report-trx --results-directory /tmp/trx
    python3 bench/tools/slowest-tests.py /tmp/trx [how many, default 25]

Each test's own duration is summed per class; with tests running two at a time the sum is more than
the wall-clock time, but the order says where CI's time goes.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "TestResults")
most = int(sys.argv[2]) if len(sys.argv) > 2 else 25
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
per_class: dict[str, list[float]] = {}


def seconds(text: str) -> float:
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


for trx in folder.rglob("*.trx"):
    root = ET.parse(trx).getroot()
    for result in root.iterfind(".//t:UnitTestResult", ns):
        name = re.sub(r"\(.*$", "", result.get("testName", ""))
        cls = name.rsplit(".", 1)[0]
        entry = per_class.setdefault(cls, [0.0, 0])
        entry[0] += seconds(result.get("duration", "0:0:0"))
        entry[1] += 1

total = sum(v[0] for v in per_class.values())
print(f"{len(per_class)} classes, {sum(v[1] for v in per_class.values())} tests, {total / 60:.1f} min of test time")
for cls, (spent, count) in sorted(per_class.items(), key=lambda kv: -kv[1][0])[:most]:
    print(f"{spent:8.1f} s  {count:5d} tests  {cls}")
