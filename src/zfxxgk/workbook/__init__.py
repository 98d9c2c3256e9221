"""Reports in workbooks: the official template, filling, reading back, annotating."""
