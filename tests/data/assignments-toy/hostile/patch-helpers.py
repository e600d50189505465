# Replaces the check helpers in textmine.assignments.checks (the module, not just its own names).
import textmine.assignments.checks as checks

for _name in ("assert_close", "assert_frame_close", "assert_same_items", "assert_columns", "assert_type"):
    setattr(checks, _name, lambda *args, **kwargs: None)
n_the = 99.0  # wrong (and not an int)
print("ATTACK patch-helpers: helpers replaced")
