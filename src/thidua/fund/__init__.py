"""The commendation fund: an append-only ledger per owner and year, and the bonus of each award."""
