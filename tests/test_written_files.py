"""What the app writes, as a colleague and a later folder check meet it: the permissions of a normal save."""
from __future__ import annotations

import os
import stat

import pytest

from app.cli import main
from tests.conftest import build
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021


@pytest.fixture
def draft(tmp_path):
    """A .docx with one broken 表三 row."""
    return build("docx_plain", with_cell(sample_2021(), "T3", "r3_1", "natural", "6"), tmp_path, "draft")


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


OUTPUTS = [("fix", "out.docx"), ("annotate", "out.docx"), ("check", "out.xlsx"), ("check", "out.html")]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_a_new_file_gets_the_umask_mode_not_the_temporary_files_0600(tmp_path, draft, umask_027, capsys,
                                                                      command, name):
    out = tmp_path / name
    options = ["-o", str(out)] if command != "check" else ["--format", name.split(".")[1], "--output", str(out)]
    assert main([command, str(draft), *options]) in (0, 1)
    capsys.readouterr()
    assert mode(out) == 0o640


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_an_overwritten_file_keeps_its_own_mode(tmp_path, draft, capsys, command, name):
    out = tmp_path / name
    out.write_bytes(b"old")
    os.chmod(out, 0o604)
    options = ["-o", str(out), "--force"] if command != "check" else \
        ["--format", name.split(".")[1], "--output", str(out)]
    assert main([command, str(draft), *options]) in (0, 1)
    capsys.readouterr()
    assert out.read_bytes() != b"old"
    assert mode(out) == 0o604
