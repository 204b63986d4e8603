import sys
from pathlib import Path

from tests.corpusgen import write_corpus

issues = write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus"))
print(f"{len(issues)} issues, {sum(len(i.docs) for i in issues)} documents")
