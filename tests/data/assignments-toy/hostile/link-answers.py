# Plants links in the folder the grader reads the answers from, pointing at the solution, and stops
# the grader's own export so that the links stay: will the grader read the solution back into the feedback?
import json, os, pathlib, sys, textmine

solution = pathlib.Path(textmine.__file__).resolve().parents[1] / "tests" / "data" / "assignments-toy" / "toy.ipynb"
planted = []
if "-f" in sys.argv:
    answers = pathlib.Path(sys.argv[sys.argv.index("-f") + 1]).parents[1] / "answers"
    if answers.is_dir():
        (answers / "index-0.json").write_text(json.dumps({"format": 1, "entries": [{"key": "n_the", "kind": "array"}]}))
        os.symlink(solution, answers / "0-0.npy")
        for n in range(1, 4):
            os.symlink(solution, answers / f"index-{n}.json")
        planted = sorted(os.listdir(answers))
        import textmine.assignments.answers as grader_answers

        grader_answers.Exporter.export = lambda self, number, chains: 0
print("ATTACK link-answers: planted", planted)
