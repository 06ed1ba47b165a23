"""Pure KPU rules: NIK/NKK, eligibility, voter outcomes, recruitment. No Qt, no database."""
