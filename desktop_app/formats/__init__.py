"""File formats exchanged with KPU systems (Sidalih CSV). Pure Python: no Qt, no database."""
