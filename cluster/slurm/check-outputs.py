#!/usr/bin/env python3
"""Helpers of test-local.sh that are easier in Python than in shell.

  check-outputs.py watch <folder> <stop file> <report file>
      Until <stop file> exists, looks every 0.1 s at every visible (not dot-named) file under
      <folder> and checks that it is complete: a PNG parses chunk by chunk to IEND with valid
      CRCs, a JSON file parses, a CSV file ends with a newline and every record has the header's
      field count, an SVG ends with </svg>. Each version of a file (inode, size, mtime) is checked
      once. Writes what it saw to <report file>; exit status 1 if any visible file was incomplete.
  check-outputs.py complete <folder>
      The same check once, now.
  check-outputs.py snapshot <shard folder>
      "<ISIC id> <inode> <mtime ns>" per finished image (its checkpoint) and per consensus mask.
"""
import csv
import io
import json
import os
import struct
import sys
import time
import zlib


def png_problem(data):
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature"
    pos = 8
    while True:
        if pos + 8 > len(data):
            return "truncated before IEND"
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 8 + length + 4
        if end > len(data):
            return "chunk %r truncated" % kind
        if zlib.crc32(data[pos + 4:pos + 8 + length]) != struct.unpack(">I", data[end - 4:end])[0]:
            return "bad CRC in chunk %r" % kind
        pos = end
        if kind == b"IEND":
            return None if pos == len(data) else "bytes after IEND"


def csv_problem(data):
    if not data:
        return "empty"
    if not data.endswith(b"\n"):
        return "no final newline"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(rows[0])]
    return "records %s have another field count than the header" % bad[:5] if bad else None


def problem(path):
    """None when the file is complete, else what is wrong; raises FileNotFoundError if it went away."""
    with open(path, "rb") as f:
        data = f.read()
    name = path.lower()
    if name.endswith(".png"):
        return png_problem(data)
    if name.endswith(".json"):
        try:
            json.loads(data.decode("utf-8"))  # NaN and Infinity tokens are accepted, as written
            return None
        except ValueError as e:
            return "invalid JSON: %s" % e
    if name.endswith(".csv"):
        return csv_problem(data)
    if name.endswith(".svg"):
        return None if data.rstrip().endswith(b"</svg>") else "no closing </svg>"
    return None


def visible_files(folder):
    for root, dirs, files in os.walk(folder):
        for n in files:
            if not n.startswith("."):
                yield os.path.join(root, n)


def scan(folder, seen, bad, hidden):
    for root, dirs, files in os.walk(folder):
        for n in files:
            p = os.path.join(root, n)
            if n.startswith("."):
                hidden.add(p)
                continue
            try:
                st = os.stat(p)
                key = (p, st.st_ino, st.st_size, st.st_mtime_ns)
                if key in seen:
                    continue
                seen.add(key)
                what = problem(p)
            except FileNotFoundError:  # replaced or removed between listing and reading
                continue
            if what:
                bad.append("%s: %s" % (p, what))


def watch(folder, stop, report):
    seen, bad, hidden = set(), [], set()
    polls = 0
    while True:
        last = os.path.exists(stop)
        scan(folder, seen, bad, hidden)
        polls += 1
        if last:
            break
        time.sleep(0.1)
    parts = sorted(h for h in hidden if h.endswith(".part"))
    with open(report, "w") as f:
        f.write("polls %d\nfile_versions %d\nhidden_temp_files %d\nincomplete %d\n" % (polls, len(seen), len(parts), len(bad)))
        for b in bad:
            f.write("INCOMPLETE %s\n" % b)
    return 1 if bad else 0


def complete(folder):
    bad = []
    for p in visible_files(folder):
        what = problem(p)
        if what:
            bad.append(p)
            print("INCOMPLETE %s: %s" % (p, what))
    return 1 if bad else 0


def snapshot(shard):
    ck = os.path.join(shard, ".checkpoint")
    for n in sorted(os.listdir(ck)):
        if n.endswith(".json") and n != "run.json" and not n.startswith("."):
            image = n[:-len(".json")]
            paths = [os.path.join(ck, n)]
            cons = os.path.join(shard, "consensus")
            if os.path.isdir(cons):
                paths += [os.path.join(cons, c) for c in sorted(os.listdir(cons)) if c.startswith(image + "_") and c.endswith(".png")]
            for p in paths:
                st = os.stat(p)
                print(image, os.path.relpath(p, shard), st.st_ino, st.st_mtime_ns)
    return 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    sys.exit({"watch": watch, "complete": complete, "snapshot": snapshot}[cmd](*args))
