"""Test fixtures for tests/test_assignments.py: a toy assignment and faulty submissions.

They are graded by the autograder, never executed by nbval (one loops
forever, one kills its kernel, one is not a notebook).
"""

collect_ignore_glob = ["*.ipynb", "*/*.ipynb", "*/*"]
