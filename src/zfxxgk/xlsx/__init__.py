"""Spreadsheet package I/O that knows nothing of reports: bounded zip reading, the cell
scanner, in-place patching, the calamine helper, atomic files, cell references."""
