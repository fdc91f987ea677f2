#!/usr/bin/env python3
"""Execute one notebook top to bottom through Jupyter (nbclient) and export it to HTML.

Used by scripts/run-notebooks.ts, which picks the Python that has nbclient and nbconvert,
sets JUPYTER_PATH to the project's kernel and runs several of these at once.

Usage: execute-notebook.py INPUT.ipynb OUTPUT.ipynb OUTPUT.html [--timeout SECONDS]

The executed notebook and its HTML are written even when a cell fails, so the failure can be
read in context. The last line on stdout is one JSON object:
  {"ok": bool, "seconds": float, "kernelSeconds": float, "cells": [[index, seconds], ...],
   "error": {"cell": index, "executionCount": n, "source": str, "message": str} | null}
Exit status: 0 when every cell ran, 1 when a cell failed, 2 on a usage or Jupyter error.
"""
import argparse
import json
import os
import sys
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter
except ImportError as error:  # reported by the caller, which names the packages to install
    print(f"execute-notebook: missing Python package ({error})", file=sys.stderr)
    sys.exit(2)


def cell_message(cell, reply):
    """The text a failed cell printed: tslab reports errors on stderr, not in the reply."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
    content = (reply or {}).get("content", {})
    if not parts and content.get("ename"):
        parts.append(f"{content.get('ename')}: {content.get('evalue', '')}")
    return "".join(parts).strip() or "the cell failed without printing a message"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output_ipynb")
    parser.add_argument("output_html")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--kernel", default="tslab")
    args = parser.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    started = time.monotonic()
    cells = []
    error = None
    cell_started = [0.0]

    def on_cell_start(cell, cell_index):
        cell_started[0] = time.monotonic()

    def on_cell_executed(cell, cell_index, execute_reply):
        cells.append([cell_index, round(time.monotonic() - cell_started[0], 3)])

    def on_cell_error(cell, cell_index, execute_reply):
        nonlocal error
        error = {
            "cell": cell_index,
            "executionCount": cell.get("execution_count"),
            "source": cell.get("source", ""),
            "message": cell_message(cell, execute_reply),
        }

    client = NotebookClient(
        nb,
        timeout=args.timeout,
        kernel_name=args.kernel,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.input))}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
        on_cell_error=on_cell_error,
        record_timing=False,  # keeps committed notebooks free of per-run timestamps
    )
    ok = True
    try:
        client.execute()
    except CellExecutionError:
        ok = False
    except Exception as failure:  # kernel died, timeout, kernel not found
        ok = False
        error = {"cell": None, "executionCount": None, "source": "",
                 "message": f"{type(failure).__name__}: {failure}"}
    seconds = time.monotonic() - started

    nbformat.write(nb, args.output_ipynb)
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(args.output_html, "w", encoding="utf-8") as handle:
        handle.write(body)

    print(json.dumps({
        "ok": ok,
        "seconds": round(seconds, 3),
        "kernelSeconds": round(seconds - sum(c[1] for c in cells), 3),
        "cells": cells,
        "error": error,
    }))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
