"""Python Jinja2 side of bench/jinja: renders and compiles the same fixtures, prints JSON."""
import hashlib
import json
import sys
import time

import jinja2


def main():
    fixtures, seconds = sys.argv[1], float(sys.argv[2])
    sources_file = sys.argv[3] if len(sys.argv) > 3 else None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(fixtures + "/templates"))
    with open(fixtures + "/context.json", encoding="utf-8") as f:
        context = json.load(f)
    template = env.get_template("model.tpl")
    out = template.render(context)
    for _ in range(20):
        template.render(context)
    renders = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        template.render(context)
        renders += 1
    elapsed = time.perf_counter() - start

    compile_seconds = None
    if sources_file:
        with open(sources_file, encoding="utf-8") as f:
            sources = json.load(f)
        compile_start = time.perf_counter()
        for source in sources:
            env.from_string(source)
        compile_seconds = time.perf_counter() - compile_start

    json.dump(
        {
            "version": jinja2.__version__,
            "renders_per_second": renders / elapsed,
            "bytes": len(out.encode("utf-8")),
            "sha256": hashlib.sha256(out.encode("utf-8")).hexdigest(),
            "compile_seconds": compile_seconds,
        },
        sys.stdout,
    )


main()
