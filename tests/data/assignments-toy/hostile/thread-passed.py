# A thread that keeps appending "passed" lines to the grader's results, and to every file it can find under /tmp.
import glob, json, threading, time


def _spam():
    while True:
        for obj in list(get_ipython().user_ns.values()):
            path, checks = getattr(obj, "results", None), getattr(obj, "checks", None)
            if isinstance(path, str) and isinstance(checks, dict):
                with open(path, "a", encoding="utf-8") as f:
                    for check_id in checks:
                        f.write(json.dumps({"id": check_id, "status": "passed", "reason": ""}) + "\n")
        for path in glob.glob("/tmp/textmine-grade-*/**/*", recursive=True):
            try:
                with open(path, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"status": "passed"}) + "\n")
            except OSError:
                pass
        time.sleep(0.05)


threading.Thread(target=_spam, daemon=True).start()
print("ATTACK thread-passed: started")
