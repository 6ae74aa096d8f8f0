#!/usr/bin/env python3
"""Black-box fuzzer for the release binary of beltscope (python3 standard library only).

It takes the project's own files as seeds (tests/data/**/*.toml, *.csv, *.xlsx and surveys/),
mutates one file of a seed's folder at a time, and runs the subcommands that read files on it,
with random method flags, each under a timeout. A finding is:

  crash       exit code 101 or death by a signal (a panic, an abort)
  timeout     no exit within --timeout seconds
  nonfinite   NaN or ±inf in the output (JSON: any number; text and CSV: a NaN or inf token
              that the input does not hold)
  null        null where a JSON score, weight or obstacle degree is expected
  range       a weight, an obstacle degree or a score outside [0, 1] in JSON
  badjson     exit 0 with --format json, but standard output is not JSON
  modified    an input file changed (hashes before and after the run)
  stray       a file left in the folder that the command was not asked to write

Each finding is saved once per signature (kind, command, place) under --out, with the files, the
command line and the output; `--minimize DIR` shrinks the mutated file of one finding while the
same signature still shows.

    python3 fuzz/blackbox.py --seconds 1200 --seed 1
    python3 fuzz/blackbox.py --minimize fuzz/blackbox-findings/crash-score-...
"""

import argparse
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INTERESTING = [
    b"1e308", b"-1e308", b"1.7976931348623157e308", b"5e-324", b"-5e-324", b"2.2250738585072014e-308",
    b"NaN", b"nan", b"inf", b"-inf", b"Infinity", b"0", b"-0", b"0.0", b"1", b"-1", b"1e-300",
    b"99999999999999999999999999", b"0x10", b"1_000", b"+5", b".5", b"5.", b"1e", b"",
    b"18446744073709551616", b"-9223372036854775809", b'"', b'""', b"'", b",", b";", b"\t", b"=",
    b"[", b"]", b"{", b"}", b"#", b"\\", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\r\n",
    "行业".encode("gbk"), "é".encode("latin-1"), b"\x81\x20", b"\xe4\xb8", "年份".encode(),
    b"label", b"region", b"period", b"observation", b"respondent", b"1" * 400,
]
NUMBER = re.compile(rb"(?<![A-Za-z_\d.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![A-Za-z_\d])")
NONFINITE_TEXT = re.compile(r"(?<![A-Za-z])(?:NaN|nan|-?inf|-?Infinity)(?![A-Za-z])")
# JSON keys whose value is a score, a weight or an obstacle degree: a number in [0, 1], never null.
UNIT_KEYS = {"weight", "coupling", "coordination", "degree"}
UNIT_PARENTS = {"dimensions", "circles", "indicators", "obstacles"}
# How often each kind of seed is mutated (surveys reach the most code).
ROLES, ROLE_WEIGHTS = ("survey", "framework", "responses"), (75, 12, 13)


# ---------------------------------------------------------------------------------------------
# Seeds


def classify(path):
    """'framework', 'survey' or 'responses' (questionnaire answers), or None to skip."""
    if path.suffix == ".toml":
        text = path.read_bytes()
        if b"[[circles]]" in text or b"[[indicators]]" in text:
            return "framework"
        return "survey"
    if path.suffix == ".csv":
        head = path.read_bytes()[:200].lstrip(b"\xef\xbb\xbf").lower()
        if head.startswith(b"observation,respondent"):
            return "responses"
        return "survey"
    if path.suffix == ".xlsx":
        return "survey"
    return None


def valid(binary, path, role):
    """Whether the unmutated seed passes `validate` in its own folder."""
    argv = ["validate", path.name]
    if role == "survey" and path.suffix != ".toml" and (path.parent / "framework.toml").exists():
        argv += ["--framework", "framework.toml"]
    if role == "responses":
        return True
    code, _, _, _ = run_once(binary, path.parent, argv, 30)
    return code == 0


def seeds():
    files = []
    for pattern in ("tests/data/**/*.toml", "tests/data/**/*.csv", "tests/data/**/*.xlsx"):
        files += sorted(ROOT.glob(pattern))
    files += sorted(p for p in (ROOT / "surveys").iterdir() if p.suffix in (".toml", ".csv", ".xlsx"))
    out = []
    for f in files:
        if f.stat().st_size > 2_000_000:
            continue
        role = classify(f)
        if role:
            out.append((f, role))
    return out


# ---------------------------------------------------------------------------------------------
# Mutations (each takes and returns bytes)


def lines_of(data):
    return data.splitlines(keepends=True) or [data]


def m_flip(rng, d):
    if not d:
        return d
    b = bytearray(d)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def m_insert_token(rng, d):
    i = rng.randint(0, len(d))
    return d[:i] + rng.choice(INTERESTING) + d[i:]


def m_number(rng, d):
    """Replace one number (or all numbers of one line) by an interesting value."""
    spans = [m.span() for m in NUMBER.finditer(d)]
    if not spans:
        return m_insert_token(rng, d)
    value = rng.choice(INTERESTING[:24])
    if rng.random() < 0.2:
        value = b"%se%d" % (rng.choice([b"1", b"-1", b"4.9", b"1.7976931348623157"]), rng.randint(-330, 330))
    a, b = rng.choice(spans)
    return d[:a] + value + d[b:]


def m_scale_column(rng, d):
    """Every number at one CSV column position (or every number) multiplied by a huge/tiny factor."""
    factor = rng.choice([1e300, 1e-300, 1e308, 5e-324, -1.0, 0.0])
    col = rng.randint(1, 8)
    out = []
    for line in lines_of(d):
        cells = line.split(b",")
        targets = range(len(cells)) if rng.random() < 0.3 else [col]
        for k in targets:
            if k < len(cells):
                m = NUMBER.fullmatch(cells[k].strip())
                if m:
                    try:
                        cells[k] = repr(float(m.group()) * factor).encode()
                    except OverflowError:
                        pass
        out.append(b",".join(cells))
    return b"".join(out)


def m_constant(rng, d):
    """One CSV column, or the TOML values of one indicator, all the same."""
    value = rng.choice([b"0", b"1", b"1e308", b"5e-324", b"3", b"-1e308"])
    ls = lines_of(d)
    if b"," in ls[0]:
        col = rng.randint(1, max(1, ls[0].count(b",")))
        out = [ls[0]]
        for line in ls[1:]:
            cells = line.split(b",")
            if col < len(cells):
                end = cells[col][len(cells[col].rstrip(b"\r\n")):]
                cells[col] = value + end
            out.append(b",".join(cells))
        return b"".join(out)
    keys = [m.group(1) for m in re.finditer(rb"(?m)^(\w+)\s*=\s*-?\d", d)]
    if not keys:
        return m_number(rng, d)
    key = rng.choice(keys)
    return re.sub(rb"(?m)^(" + re.escape(key) + rb"\s*=\s*)\S+", lambda m: m.group(1) + value, d)


def m_long_line(rng, d):
    i = rng.randint(0, len(d))
    filler = rng.choice([b"x" * 70000, b"9" * 5000, b"," * 20000, b" " * 70000, b"1," * 30000])
    return d[:i] + filler + d[i:]


def m_line_ends(rng, d):
    choice = rng.randrange(4)
    base = d.replace(b"\r\n", b"\n")
    if choice == 0:
        return base.replace(b"\n", b"\r")
    if choice == 1:
        return base.replace(b"\n", b"\r\n")
    if choice == 2:
        return base.rstrip(b"\r\n")
    return base.replace(b"\n", b"\n\n")


def m_encoding(rng, d):
    choice = rng.randrange(5)
    text = d.decode("utf-8", "replace")
    try:
        if choice == 0:
            return b"\xef\xbb\xbf" + d
        if choice == 1:
            return b"\xff\xfe" + text.encode("utf-16-le")
        if choice == 2:
            return b"\xfe\xff" + text.encode("utf-16-be")
        if choice == 3:
            return text.encode("gbk", "replace")
    except UnicodeError:
        pass
    return b"\xef\xbb\xbf\xef\xbb\xbf" + d


def m_quotes(rng, d):
    ls = lines_of(d)
    k = rng.randrange(len(ls))
    line = ls[k]
    choice = rng.randrange(3)
    if choice == 0:
        i = rng.randint(0, len(line))
        ls[k] = line[:i] + b'"' + line[i:]
    elif choice == 1:
        body = line.rstrip(b"\r\n")
        ls[k] = b",".join(b'"' + c.replace(b'"', b'""') + b'"' for c in body.split(b",")) + line[len(body):]
    else:
        ls[k] = line.replace(b",", b'","', 1)
    return b"".join(ls)


def m_duplicate_header(rng, d):
    ls = lines_of(d)
    if b"," in ls[0]:
        end = ls[0][len(ls[0].rstrip(b"\r\n")):]
        cells = ls[0].rstrip(b"\r\n").split(b",")
        if len(cells) > 1:
            i, j = rng.randrange(len(cells)), rng.randrange(len(cells))
            cells[i] = cells[j]
            ls[0] = b",".join(cells) + end
        return b"".join(ls)
    k = rng.randrange(len(ls))
    ls.insert(k, ls[rng.randrange(len(ls))])
    return b"".join(ls)


def m_delete_lines(rng, d):
    ls = lines_of(d)
    if len(ls) < 2:
        return b""
    a = rng.randrange(len(ls))
    b = min(len(ls), a + rng.choice([1, 1, 1, 2, 5]))
    return b"".join(ls[:a] + ls[b:])


def m_truncate(rng, d):
    return d[: rng.randint(0, len(d))] if d else d


def m_repeat_rows(rng, d):
    ls = lines_of(d)
    if len(ls) < 2:
        return d + d
    k = rng.randrange(1, len(ls))
    times = rng.choice([2, 3, 10, 50, 500])
    row = ls[k] if ls[k].endswith(b"\n") else ls[k] + b"\n"
    if b"," in row and rng.random() < 0.5:
        rest = row.split(b",", 1)[1]
        extra = [b"r%d," % i + rest for i in range(times)]
    else:
        extra = [row] * times
    return b"".join(ls[: k + 1] + extra + ls[k + 1 :])


def m_empty_cells(rng, d):
    """Blank some cells (missing values) or delete `key = value` lines of a TOML survey."""
    ls = lines_of(d)
    out = [ls[0]]
    p = rng.choice([0.05, 0.2, 0.6, 1.0])
    for line in ls[1:]:
        if b"," in line:
            cells = line.split(b",")
            for k in range(1, len(cells)):
                if rng.random() < p:
                    cells[k] = b"\n" if cells[k].endswith(b"\n") else b""
            out.append(b",".join(cells))
        elif re.match(rb"\s*\w+\s*=\s*-?\d", line) and rng.random() < p:
            continue
        else:
            out.append(line)
    return b"".join(out)


def m_swap_lines(rng, d):
    ls = lines_of(d)
    if len(ls) > 2:
        i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
        ls[i], ls[j] = ls[j], ls[i]
    return b"".join(ls)


def m_splice(rng, d):
    """Copy a random chunk of the file elsewhere."""
    if len(d) < 4:
        return d
    a = rng.randrange(len(d))
    b = min(len(d), a + rng.randint(1, 200))
    i = rng.randint(0, len(d))
    return d[:i] + d[a:b] + d[i:]


TEXT_MUTATORS = [
    (m_number, 8), (m_constant, 3), (m_scale_column, 3), (m_empty_cells, 3), (m_flip, 2),
    (m_insert_token, 3), (m_long_line, 1), (m_line_ends, 2), (m_encoding, 2), (m_quotes, 2),
    (m_duplicate_header, 2), (m_delete_lines, 2), (m_truncate, 1), (m_repeat_rows, 2),
    (m_swap_lines, 1), (m_splice, 1),
]


def mutate_text(rng, d):
    fns, weights = zip(*TEXT_MUTATORS)
    for _ in range(rng.choice([1, 1, 1, 1, 1, 2, 2, 3])):
        d = rng.choices(fns, weights)[0](rng, d)
    return d


def mutate_xlsx(rng, d):
    """Mostly mutate the XML inside the workbook's zip; sometimes the raw bytes."""
    if rng.random() < 0.15:
        return rng.choice([m_flip, m_truncate, m_splice])(rng, d)
    try:
        with zipfile.ZipFile(io.BytesIO(d)) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return m_flip(rng, d)
    xml = [k for k, (i, _) in enumerate(members) if "sheet" in i.filename or "sharedStrings" in i.filename]
    if not xml:
        return m_flip(rng, d)
    k = rng.choice(xml)
    info, body = members[k]
    for _ in range(rng.randint(1, 3)):
        cells = [m.span(1) for m in re.finditer(rb"<v>([^<]*)</v>", body)]
        if cells and rng.random() < 0.8:
            a, b = rng.choice(cells)
            body = body[:a] + rng.choice(INTERESTING[:24]) + body[b:]
        else:
            body = rng.choice([m_insert_token, m_flip, m_splice])(rng, body)
    members[k] = (info, body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info.filename, body)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Commands


def method_flags(rng, labels=()):
    choices = {
        "--normalization": ["range", "reference"],
        "--weighting": ["entropy", "fixed", "combined"],
        "--shift": ["0", "0.01", "1", "1e-300", "5e-324", "1e308", "1e300", "10"],
        "--interval": ["0.002,0.998", "0,1", "1e-300,1", "5e-324,1e-323", "0,5e-324", "0.01,0.99",
                       "0.999999999999,1", "0.3,0.30000000000000004", "0.5,0.5", "1,0"],
        "--coupling": ["classic", "corrected"],
        "--top": ["0", "1", "2", "5", "1000", "18446744073709551615"],
        "--obstacles": ["global", "composite"],
        "--impute": ["none", "interpolate", "mean", "mean", "interpolate"],
        "--focus": list(labels) or ["2024"],
    }
    out = []
    for flag, values in choices.items():
        if rng.random() < (0.1 if flag == "--focus" else 0.35):
            out += [flag, rng.choice(values)]
    return out


def fw_flag(rng, folder):
    if (folder / "framework.toml").exists() and rng.random() < 0.85:
        return ["--framework", "framework.toml"]
    if rng.random() < 0.1:
        return ["--framework", rng.choice(["cbec-belt", "cbec-belt-1"])]
    return []


def command_for(rng, role, name, folder):
    """(subcommand, argv, outputs it may write, expect JSON on stdout)."""
    suffix = Path(name).suffix
    if role == "framework":
        sub = rng.choice(["validate", "framework", "score", "score"])
        if sub == "validate":
            return sub, ["validate", name], [], False
        if sub == "framework":
            fmt = rng.choice(["tree", "csv", "json", "markdown"])
            return sub, ["framework", name, "--format", fmt, "--lang", rng.choice(["en", "zh"])], [], fmt == "json"
        surveys = [p.name for p in folder.iterdir() if p.is_file() and p.suffix in (".toml", ".csv")
                   and p.name != name and classify(p) == "survey"]
        if not surveys:
            return "validate", ["validate", name], [], False
        fmt = rng.choice(["text", "json", "json", "csv"])
        argv = ["score", rng.choice(surveys), "--framework", name, "--format", fmt] + method_flags(rng)
        return "score", argv, [], fmt == "json"
    if role == "responses":
        fmt = rng.choice(["text", "json"])
        argv = ["aggregate", name, "--format", fmt, "--lang", rng.choice(["en", "zh"])] + fw_flag(rng, folder)
        outputs = []
        if rng.random() < 0.3:
            out = rng.choice(["means.toml", "means.csv"])
            argv += ["-o", out]
            outputs.append(out)
        return "aggregate", argv, outputs, fmt == "json" and not outputs
    fw = fw_flag(rng, folder)
    subs = ["validate", "score", "score", "score", "report", "dynamics", "sensitivity", "freeze", "export"]
    if suffix in (".csv", ".xlsx"):
        subs.append("import")
    sub = rng.choice(subs)
    if sub == "validate":
        return sub, ["validate", name] + fw, [], False
    if sub == "score":
        fmt = rng.choice(["text", "json", "json", "csv"])
        return sub, ["score", name, "--format", fmt] + fw + method_flags(rng), [], fmt == "json"
    if sub == "report":
        out = rng.choice(["report.txt", "report.md", "report.docx"])
        argv = ["report", name, "-o", out, "--lang", rng.choice(["en", "zh"])] + fw
        outputs = [out]
        if rng.random() < 0.3:
            argv += ["--charts", "charts"]
            outputs.append("charts")
            if rng.random() < 0.3:
                argv += ["--chart-format", "png"]
        if rng.random() < 0.2:
            argv += ["--sensitivity", "--runs", str(rng.choice([1, 3, 20]))]
        return sub, argv + method_flags(rng), outputs, False
    if sub == "dynamics":
        fmt = rng.choice(["text", "json"])
        argv = ["dynamics", name, "--format", fmt, "--horizon", str(rng.choice([1, 2, 3, 10, 1000]))]
        return sub, argv + fw + method_flags(rng), [], fmt == "json"
    if sub == "sensitivity":
        fmt = rng.choice(["text", "json"])
        argv = ["sensitivity", name, "--format", fmt, "--runs", str(rng.choice([1, 2, 10, 50])),
                "--spread", rng.choice(["0", "0.2", "0.5", "0.999999"])]
        if rng.random() < 0.4:
            argv.append("--vary-methods")
        return sub, argv + fw + method_flags(rng), [], fmt == "json"
    if sub == "freeze":
        return sub, ["freeze", name, "-o", "frozen.toml"] + fw + method_flags(rng), ["frozen.toml"], False
    if sub == "export":
        out = rng.choice(["out.csv", "out.xlsx"])
        return sub, ["export", name, "-o", out, "--lang", rng.choice(["en", "zh"])] + fw, [out], False
    return "import", ["import", name, "-o", "imported.toml"] + fw, ["imported.toml"], False


# ---------------------------------------------------------------------------------------------
# Checks


def walk(value, path, findings, score_like):
    """Non-finite numbers, nulls and values outside [0, 1] where a unit number is expected."""
    if isinstance(value, dict):
        for k, v in value.items():
            walk(v, path + [k], findings, score_like)
        return
    if isinstance(value, list):
        for i, v in enumerate(value):
            walk(v, path + [i], findings, score_like)
        return
    keys = [p for p in path if isinstance(p, str)]
    where = "/".join(re.sub(r"^\d+$", "*", str(p)) for p in path if isinstance(p, str))
    if isinstance(value, float) and not math.isfinite(value):
        findings.append(("nonfinite", where))
        return
    last = keys[-1] if keys else ""
    if value is None and "imputed" in keys and last == "value":
        findings.append(("null", where))
        return
    unit_key = any("weight" in k for k in keys) or "obstacles" in keys
    if score_like:
        unit_key = unit_key or any(k in UNIT_KEYS for k in keys) or (
            len(keys) >= 2 and keys[-2] in UNIT_PARENTS and "observations" in keys)
    if not unit_key or last in ("id", "name", "name_zh", "label", "rank", "level", "level_name",
                                "base_rank", "coupling_stage"):
        return
    if value is None:
        findings.append(("null", where))
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and not 0.0 <= value <= 1.0:
        findings.append(("range", where))


def check_json(stdout, command):
    bad = []

    def constant(token):
        bad.append(token)
        return float("nan")

    try:
        doc = json.loads(stdout, parse_constant=constant)
    except ValueError as e:
        return [("badjson", str(e)[:60])]
    findings = [("nonfinite", "token " + t) for t in bad[:1]]
    walk(doc, [], findings, command in ("score", "sensitivity"))
    if command == "framework":
        # A framework's weights are optional and raw (normalised when used): only finiteness.
        findings = [f for f in findings if f[0] == "nonfinite"]
    return findings


def tree_hashes(folder):
    """Every file of the run's tree (the folder's parent's parent), named relative to the folder."""
    out = {}
    for p in sorted(folder.parent.parent.rglob("*")):
        if p.is_file():
            out[os.path.relpath(p, folder)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def panic_place(stderr):
    m = re.search(r"panicked at ([^\n]*?:\d+):\d+", stderr)
    if m:
        return m.group(1)
    m = re.search(r"(memory allocation of \d+ bytes failed|stack overflow|overflow)", stderr)
    return m.group(1) if m else "?"


def run_once(binary, folder, argv, timeout):
    t0 = time.monotonic()
    proc = subprocess.Popen([str(binary)] + argv, cwd=folder, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "NO_COLOR": "1", "HOME": str(folder.parent)})
    try:
        out, err = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    return code, out, err, time.monotonic() - t0


def judge(code, out, err, command, wants_json, before, after, outputs, input_bytes):
    """The findings of one run, as (kind, place) pairs."""
    err_text = err.decode("utf-8", "replace")
    found = []
    if code is None:
        found.append(("timeout", "-"))
    elif code == 101 or code < 0 or "panicked at" in err_text:
        found.append(("crash", panic_place(err_text) if code >= 0 else "signal %d" % -code))
    if code == 0 and wants_json:
        found += check_json(out.decode("utf-8", "replace"), command)
    elif code == 0:
        text = out.decode("utf-8", "replace")
        # A file name such as `sv-nan.toml` is not a number.
        for name in before:
            text = text.replace(os.path.basename(name), "")
        for m in NONFINITE_TEXT.finditer(text):
            if m.group().encode().lower() not in input_bytes.lower():
                found.append(("nonfinite", "text " + m.group()))
                break
    for name, digest in before.items():
        if after.get(name) != digest and not any(name == o or name.startswith(o + "/") for o in outputs):
            found.append(("modified", name))
    for name in after:
        if name not in before and not any(name == o or name.startswith(o + "/") for o in outputs):
            found.append(("stray", re.sub(r"\d+", "N", name)))
    return found


# ---------------------------------------------------------------------------------------------
# The loop


def prepare(seed, role, rng, work):
    """A fresh copy of the seed's folder (and of a framework a survey names by a path out of it),
    with the seed mutated; returns the folder and the seed's name."""
    root = work / "run"
    if root.exists():
        shutil.rmtree(root)
    folder = root / "data" / seed.parent.name
    folder.mkdir(parents=True)
    for p in seed.parent.iterdir():
        if p.is_file() and p.suffix in (".toml", ".csv", ".xlsx"):
            shutil.copy(p, folder / p.name)
        elif p.is_dir() and p.name == "support":
            shutil.copytree(p, folder / p.name)
    for p in seed.parent.glob("*.toml"):
        m = re.search(rb'(?m)^framework\s*=\s*"(\.\./[^"]+)"', p.read_bytes())
        if m:
            target = (seed.parent / m.group(1).decode()).resolve()
            dest = (folder / m.group(1).decode()).resolve()
            if target.is_file() and root.resolve() in dest.parents and not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(target, dest)
    data = seed.read_bytes()
    mutated = mutate_xlsx(rng, data) if seed.suffix == ".xlsx" else mutate_text(rng, data)
    (folder / seed.name).write_bytes(mutated)
    return folder, seed.name, mutated


def save(out_dir, signature, folder, name, argv, code, out, err):
    kind, command, place = signature
    slug = re.sub(r"[^A-Za-z0-9]+", "-", "%s-%s-%s" % (kind, command, place)).strip("-")[:80]
    dest = out_dir / ("%s-%s" % (slug, hashlib.sha1(repr(signature).encode()).hexdigest()[:8]))
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(folder.parent.parent, dest / "files")
    (dest / "finding.json").write_text(json.dumps(
        {"kind": kind, "command": command, "place": place, "file": name, "argv": argv,
         "folder": os.path.relpath(folder, folder.parent.parent), "exit": code}, indent=1) + "\n")
    (dest / "stdout").write_bytes(out[:1_000_000])
    (dest / "stderr").write_bytes(err[:1_000_000])
    return dest


def fuzz(args):
    binary = Path(args.binary).resolve()
    if not binary.exists():
        sys.exit("no binary at %s: run `cargo build --release` first" % binary)
    rng = random.Random(args.seed)
    pool = [(f, role, valid(binary, f, role)) for f, role in seeds()]
    print("%d seeds, %d of them valid" % (len(pool), sum(ok for _, _, ok in pool)), flush=True)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    runs, per_command, exits = 0, Counter(), Counter()
    signatures = Counter()
    first = {}
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="beltscope-bb-") as tmp:
        work = Path(tmp)
        while time.monotonic() < deadline:
            role = rng.choices(ROLES, ROLE_WEIGHTS)[0]
            want_valid = rng.random() < 0.85
            candidates = [s for s in pool if s[1] == role and s[2] == want_valid]
            seed, role, _ = rng.choice(candidates or [s for s in pool if s[1] == role])
            folder, name, mutated = prepare(seed, role, rng, work)
            command, argv, outputs, wants_json = command_for(rng, role, name, folder)
            before = tree_hashes(folder)
            code, out, err, _ = run_once(binary, folder, argv, args.timeout)
            after = tree_hashes(folder)
            runs += 1
            per_command[command] += 1
            exits[(command, code)] += 1
            for kind, place in judge(code, out, err, command, wants_json, before, after, outputs, mutated):
                sig = (kind, command, place)
                signatures[sig] += 1
                if sig not in first:
                    dest = save(out_dir, sig, folder, name, argv, code, out, err)
                    first[sig] = dest
                    print("finding: %s %s %s -> %s" % (kind, command, place, dest), flush=True)
    print("\n%d runs in %d s (seed %d)" % (runs, args.seconds, args.seed))
    print("per command:")
    for command, n in sorted(per_command.items()):
        codes = ", ".join("exit %s: %d" % ("timeout" if c is None else c, k)
                          for (cmd, c), k in sorted(exits.items(), key=lambda x: str(x[0][1])) if cmd == command)
        print("  %-12s %6d  (%s)" % (command, n, codes))
    print("findings: %d distinct, %d runs" % (len(signatures), sum(signatures.values())))
    for sig, n in signatures.most_common():
        print("  %-10s %-12s %-50s x%d  %s" % (sig[0], sig[1], sig[2], n, first[sig]))
    return 1 if signatures else 0


# ---------------------------------------------------------------------------------------------
# Minimizing one finding


def reproduces(binary, finding, folder, name, data, timeout):
    (folder / name).write_bytes(data)
    before = tree_hashes(folder)
    code, out, err, _ = run_once(binary, folder, finding["argv"], timeout)
    after = tree_hashes(folder)
    outputs = [a for i, a in enumerate(finding["argv"]) if i and finding["argv"][i - 1] in ("-o", "--charts")]
    for o in outputs:
        target = folder / o
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for extra in set(after) - set(before):
        (folder / extra).unlink(missing_ok=True)
    wants_json = "--format" in finding["argv"] and finding["argv"][finding["argv"].index("--format") + 1] == "json"
    found = judge(code, out, err, finding["command"], wants_json, before, after, outputs, data)
    return (finding["kind"], finding["place"]) in found


def ddmin(items, test):
    """Delta debugging over a list: a smaller list for which test still holds."""
    n = 2
    while len(items) >= 2:
        chunk = max(1, len(items) // n)
        reduced = False
        for start in range(0, len(items), chunk):
            candidate = items[:start] + items[start + chunk :]
            if candidate and test(candidate):
                items, n, reduced = candidate, max(n - 1, 2), True
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(len(items), n * 2)
    return items


def minimize(args):
    binary = Path(args.binary).resolve()
    src = Path(args.minimize)
    finding = json.loads((src / "finding.json").read_text())
    name = finding["file"]
    with tempfile.TemporaryDirectory(prefix="beltscope-min-") as tmp:
        shutil.copytree(src / "files", Path(tmp) / "run")
        folder = Path(tmp) / "run" / finding["folder"]
        data = (folder / name).read_bytes()
        original = data
        if not reproduces(binary, finding, folder, name, data, args.timeout):
            sys.exit("the finding does not reproduce")
        lines = ddmin(lines_of(data), lambda ls: reproduces(binary, finding, folder, name, b"".join(ls), args.timeout))
        data = b"".join(lines)
        if len(data) < 4000:
            data = bytes(ddmin(list(data), lambda bs: reproduces(binary, finding, folder, name, bytes(bs), args.timeout)))
        (folder / name).write_bytes(original)
    dest = src / ("min-" + name)
    dest.write_bytes(data)
    print("%d -> %d bytes: %s" % (len(original), len(data), dest))
    print("the command, with %s in place of %s: (cd %s/files/%s && %s %s)"
          % (dest.name, name, src, finding["folder"], binary, " ".join(finding["argv"])))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    p.add_argument("--seed", type=int, default=1, help="seed of the random choices (default 1)")
    p.add_argument("--binary", default=str(ROOT / "target" / "release" / "beltscope"))
    p.add_argument("--out", default=str(ROOT / "fuzz" / "blackbox-findings"), help="where findings go")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per run (default 10)")
    p.add_argument("--minimize", metavar="DIR", help="shrink the input of one saved finding")
    args = p.parse_args()
    if args.minimize:
        minimize(args)
        return 0
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main())
