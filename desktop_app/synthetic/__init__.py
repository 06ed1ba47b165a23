"""Synthetic voter lists for demos, tests and benchmarks. Every person here is invented."""

from desktop_app.synthetic.errors import (
    InvalidTpsSize,
    NoDesaError,
    RegionFileError,
    SerialExhausted,
    SyntheticDataError,
    TpsCapacityError,
)
from desktop_app.synthetic.generator import (
    generate_tps,
    generate_voters,
    write_voters_csv,
)
from desktop_app.synthetic.regions import demo_regions_path, load_region_rows
from desktop_app.synthetic.tps_plan import TpsInfo

__all__ = [
    "InvalidTpsSize",
    "NoDesaError",
    "RegionFileError",
    "SerialExhausted",
    "SyntheticDataError",
    "TpsCapacityError",
    "TpsInfo",
    "demo_regions_path",
    "generate_tps",
    "generate_voters",
    "load_region_rows",
    "write_voters_csv",
]
