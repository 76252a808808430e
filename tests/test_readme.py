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


def _apt_packages(command: str) -> list[str]:
    return re.search(r"apt-get install -y -qq (.*?) >/dev/null", command)[1].split()


def test_both_readme_commands_install_the_same_system_libraries():
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text("utf-8"), flags=re.S)
    first, test_command = blocks[0], next(b for b in blocks if "pytest" in b)
    assert _apt_packages(first) == _apt_packages(test_command)


def test_readme_installs_what_qts_x11_platform_plugin_links_to():
    """Qt >= 6.5 needs libxcb-cursor0 and friends for its xcb platform; a fresh Debian
    desktop lacks some, and `luutru --demo` then fails before opening a window."""
    import shutil
    import subprocess

    import PySide6

    objdump = shutil.which("objdump") or shutil.which("readelf")
    qt = Path(PySide6.__file__).parent / "Qt"
    plugin, qpa = qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"
    if objdump is None or not plugin.exists():
        import pytest

        pytest.skip("needs objdump/readelf and the Linux Qt build")
    flag = "-p" if objdump.endswith("objdump") else "-d"
    out = subprocess.run([objdump, flag, str(plugin), str(qpa)], capture_output=True, text=True, check=True).stdout
    needed = set(re.findall(r"(lib(?:xcb|X11|xkbcommon)[\w.-]*?)\.so\.(\d+)", out))
    assert needed, "no X11 libraries found in the xcb plugin"
    # Debian names a library package after its soname: libxcb-icccm.so.4 -> libxcb-icccm4.
    packages = {name.lower() + ("-" if name[-1].isdigit() else "") + version for name, version in needed}
    readme = (ROOT / "README.md").read_text("utf-8")
    first = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[0]
    assert packages - set(_apt_packages(first)) == set()
