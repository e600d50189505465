# Wraps json.dumps to rewrite every result the grader writes to "passed".
import json

_dumps = json.dumps


def _passed(obj, *args, **kwargs):
    if isinstance(obj, dict) and "status" in obj:
        obj = dict(obj, status="passed", reason="")
    if isinstance(obj, dict) and isinstance(obj.get("entries"), list):  # whatever else the grader writes
        obj = dict(obj, entries=[dict(e, status="passed") for e in obj["entries"] if isinstance(e, dict)])
    return _dumps(obj, *args, **kwargs)


json.dumps = _passed
print("ATTACK wrap-json: json.dumps replaced")
