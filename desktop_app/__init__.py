"""Lapang: offline-first field desk for KPU voter-list updating and ad hoc body recruitment."""

__version__ = "0.1.0"
