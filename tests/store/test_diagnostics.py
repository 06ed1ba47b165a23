import logging
import subprocess
import sys

from desktop_app.diagnostics import crash_report, setup_logging


def test_crash_report_withholds_the_message():
    nik = "6111024107990001"
    try:
        int(f"NIK {nik} Siti Aminah")
    except ValueError:
        exc_type, _, tb = sys.exc_info()
        report = crash_report(exc_type, tb)
    assert "ValueError" in report and "message withheld" in report
    assert nik not in report and "Siti" not in report
    assert "test_crash_report_withholds_the_message" in report


def test_uncaught_exception_goes_to_log_without_personal_data(tmp_path):
    script = (
        "import pathlib, sys\n"
        "from desktop_app.diagnostics import setup_logging, install_crash_handler\n"
        f"setup_logging(pathlib.Path({str(tmp_path)!r}))\n"
        "install_crash_handler()\n"
        "raise RuntimeError('voter 6111024107990001 failed')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 1
    log = (tmp_path / "logs" / "lapang.log").read_text()
    assert "RuntimeError" in log
    assert "6111024107990001" not in log + result.stderr


def test_log_file_lives_in_data_dir(tmp_path):
    path = setup_logging(tmp_path)
    logging.getLogger("desktop_app.test").info("sync run 12 sent 40 changes")
    for handler in logging.getLogger("desktop_app").handlers:
        handler.flush()
    assert path.parent == tmp_path / "logs"
    assert "sent 40 changes" in path.read_text()
