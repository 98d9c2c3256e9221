"""The report core: editions as data, the model, the rules and the checks."""
