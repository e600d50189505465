"""Keep nbval away from the assignment notebooks.

- student/: generated student versions raise NotImplementedError by design.
- solutions/: stored without outputs; they are checked by the autograder
  instead (tests/test_assignments.py grades each solution and expects full
  marks, and each blank student version and expects zero), which compares
  values rather than printed text.
"""

collect_ignore_glob = ["*.ipynb", "*/*.ipynb", "*/*/*.ipynb"]
