"""Settings of the batch that the CLI shows as defaults; here so `gazette --help` imports nothing heavy."""

# Seconds one file may take to read and extract: a 300-page issue takes about 3 s, so this
# only stops a file that would otherwise hold the batch for good (--timeout changes it).
DEFAULT_TIMEOUT = 600.0
