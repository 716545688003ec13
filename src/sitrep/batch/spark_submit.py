"""The file to give spark-submit, which runs a Python *file*, not a module or a console script.

    spark-submit [options] "$(python -m sitrep.batch.spark_submit --path)" batch INPUT... -o DIR --engine spark

Everything after the file is ``sitrep``'s own command line; under spark-submit
the master and the settings come from spark-submit (see docs/batch.md).
"""
from __future__ import annotations

import sys

from sitrep.cli import main

if __name__ == "__main__":
    if sys.argv[1:] == ["--path"]:
        print(__file__)
        sys.exit(0)
    sys.exit(main())
