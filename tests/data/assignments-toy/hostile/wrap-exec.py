# Wraps builtins.exec so that the checks' code (compiled as "<check ...>") is skipped: every check "passes".
import builtins

_exec = builtins.exec


def _skip_checks(code, *args, **kwargs):
    if getattr(code, "co_filename", "").startswith("<check"):
        return None
    return _exec(code, *args, **kwargs)


builtins.exec = _skip_checks
print("ATTACK wrap-exec: exec replaced")
