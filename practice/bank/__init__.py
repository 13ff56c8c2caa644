"""The question bank: its models (models), reading and validating a bank file (loader), and
turning an interview guide into a bank (importer)."""
