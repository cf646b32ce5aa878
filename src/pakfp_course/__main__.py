"""Run the command line: ``python -m pakfp_course``."""

from .cli import main

raise SystemExit(main())
