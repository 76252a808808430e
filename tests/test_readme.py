import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_demo_command_starts_the_demo():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "luutru --demo" in re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[0]
