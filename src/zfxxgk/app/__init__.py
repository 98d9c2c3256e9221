"""Working on many reports: loading any input, batches, pairing, adding up, frames."""
