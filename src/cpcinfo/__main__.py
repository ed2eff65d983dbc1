"""``python -m cpcinfo`` is the ``cpcinfo`` command."""

from cpcinfo.cli import main

raise SystemExit(main())
