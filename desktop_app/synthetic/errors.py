"""Errors of the synthetic-data tools. Messages say what to change; they never carry personal
data (there is none real here, but the habit keeps logs clean)."""


class SyntheticDataError(ValueError):
    """Base class: the requested synthetic list cannot be made as asked."""


class RegionFileError(SyntheticDataError):
    """The region CSV is missing or not in the ``kode,nama`` format."""


class NoDesaError(SyntheticDataError):
    """The region rows hold no desa/kelurahan to place voters in."""


class InvalidTpsSize(SyntheticDataError):
    """``tps_size`` is not a (minimum, maximum) pair of positive voter counts."""


class TpsCapacityError(SyntheticDataError):
    """More TPS would be needed than the desa can number (001-999 per desa)."""


class SerialExhausted(SyntheticDataError):
    """A NIK or NKK serial would pass 9999 for one kecamatan and date."""
