"""File formats exchanged with KPU systems (Sidalih CSV) and the cell rule of every CSV/XLSX
export (spreadsheet_cells). Pure Python: no Qt, no database."""
