"""Entry script of the frozen app (PyInstaller needs a script, not a console-script entry point).

It does what the ``lapang`` console script does: ``desktop_app.cli.main``."""

from desktop_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
