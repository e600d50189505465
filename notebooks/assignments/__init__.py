"""Not a Python package for users: this file only exists so that pytest imports
conftest.py here under a unique name (``assignments.conftest``) instead of as
a second top-level ``conftest`` module, which would shadow tests/conftest.py
for test modules that do ``from conftest import ...``."""
