"""Reports and exports: coklit recap and voter lists (PDF, CSV, XLSX), application receipts.

Every export is a deliberate act of the officer: files are written only where they choose, never
over an existing file unless they confirmed it, atomically (a temp file renamed into place), and
the caller tells the officer where the file went and that it holds personal data."""
