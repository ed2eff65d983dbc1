"""The tutorial notebook runs from top to bottom, and what it saves holds no identity number."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "tutorial.ipynb"


def test_the_tutorial_notebook_executes_and_saves_no_identity_number() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    plain = [o["data"]["text/plain"] for o in outputs if "data" in o and "text/plain" in o["data"]]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    assert any(text.startswith("<AuditResult ") for text in plain)
    assert html and "党员信息库建库检查验收评分表" in html[0]
    saved = json.dumps(nbformat.v4.nbjson.from_dict(notebook), ensure_ascii=False)
    from cpcinfo.demo import university

    base = university().infobase
    numbers = {str(p.basic.id_number) for p in (*base.members, *base.applicants)
               if p.basic is not None and p.basic.id_number and re.fullmatch(r"\d{17}[\dX]", str(p.basic.id_number))}
    assert numbers and not any(n in saved for n in numbers)
