import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_field_json_has_exactly_the_documented_shape():
    status, out, _ = run("field", "mobile", "+86 170 1234 5678", "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "kind": "mobile", "input": "+86 170 1234 5678", "normalized": "17012345678", "ok": True,
        "findings": [{"code": "MOBILE_VIRTUAL", "severity": "warning", "item": 2, "field": "mobile",
                      "message": json.loads(out)["findings"][0]["message"]}],
    }


def test_an_invalid_value_exits_1_with_the_error():
    status, out, _ = run("field", "resident-id", "110105194912310021", "--format", "json")
    result = json.loads(out)
    assert status == 1 and result["ok"] is False and result["normalized"] is None
    assert result["findings"][0]["code"] == "RIC_CHECKSUM"


def test_text_output_in_chinese():
    status, out, _ = run("field", "landline", "0755-8888888", "--lang", "zh")
    assert status == 1
    assert "未通过" in out and "LANDLINE_LOCAL_LENGTH" in out and "深圳" in out


@pytest.mark.parametrize("argv", [["field", "visa", "1"], ["field", "mobile"], [], ["field", "mobile", "1",
                                                                                   "--lang", "fr"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2


def test_explain():
    status, out, _ = run("explain", "ric_checksum", "--lang", "zh")
    assert status == 0 and "身份证" in out and "zh/inspected-items/entity/" in out
    status, _, err = run("explain", "NOPE_CODE")
    assert status == 2 and "unknown finding code" in err


def test_installed_script_runs():
    script = Path(sys.executable).parent / "icp-check"  # [project.scripts], installed by `make test`
    result = subprocess.run([str(script), "field", "uscc", "91110000600037341L"], capture_output=True, text=True)
    assert result.returncode == 0 and "ok" in result.stdout
