"""Dataset rows: every dataset's rows and ids, shaped by schemas/."""
