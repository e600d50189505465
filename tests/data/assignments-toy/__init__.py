"""Not a package: lets pytest import this folder's conftest.py under a unique
name, so that it never shadows tests/conftest.py (``from conftest import ...``)."""
