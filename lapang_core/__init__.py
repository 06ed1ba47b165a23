"""What the desk and the KPU sync server share, with no Qt and no database: the election rules
(``domain``), the wire protocol (``protocol``), the Sidalih and spreadsheet formats (``formats``)
and private file creation (``file_modes``). Nothing here imports ``desktop_app`` or
``sync_server``; both import this."""
