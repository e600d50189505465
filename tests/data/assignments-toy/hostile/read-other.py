# Looks for other students' submissions (anything with an answer to exercise 1) and runs their code.
import json, os, pathlib, textmine

found = []
roots = ["/tmp", str(pathlib.Path(textmine.__file__).resolve().parents[1] / "tests"), os.path.expanduser("~")]
for root in roots:
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath.count(os.sep) - root.count(os.sep) >= 8:
            dirnames[:] = []
        for f in filenames:
            if f.endswith(".ipynb"):
                try:
                    text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                except (OSError, UnicodeDecodeError):
                    continue
                if 'n_the = WORDS.count(\\"the\\")' in text and "max(words, key=len)" in text:
                    found.append(os.path.join(dirpath, f))
print("ATTACK read-other: found", found)
for path in found[:1]:
    for cell in json.load(open(path))["cells"]:
        if cell["cell_type"] == "code" and "grade" not in cell["metadata"].get("tags", []):
            exec("".join(cell["source"]), globals())
