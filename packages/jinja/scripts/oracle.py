#!/usr/bin/python3
"""Renders the golden corpus with Python Jinja2 and writes (or checks) the expected outputs.

Usage: oracle.py [--check] [GOLDEN_DIR]

Two case layouts live under GOLDEN_DIR (packages/jinja/test/golden by default):
  <group>.cases            many small cases; outputs in <group>.expected/<case>.txt|.error
  <group>/<case>/case.json one big case with template folders; output in expected.txt|.error
See packages/jinja/test/golden/README.md for the format. In --check mode nothing is written and
the exit status is 1 when any stored expectation differs from what Python renders now.
"""
import json
import os
import sys
import traceback

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "test", "golden")


def py_json_hook(pairs):
    if len(pairs) == 1 and pairs[0][0] == "$tuple" and isinstance(pairs[0][1], list):
        return tuple(pairs[0][1])
    if len(pairs) == 1 and pairs[0][0] == "$dict" and isinstance(pairs[0][1], list):
        return {k: v for k, v in pairs[0][1]}
    return dict(pairs)


def load_json(text):
    return json.loads(text, object_pairs_hook=py_json_hook) if text.strip() else {}


def parse_cases(text):
    """Splits a .cases file into [(name, sections)] where sections maps header -> body."""
    cases = []
    current = None
    header = None
    body = []

    def flush():
        if current is not None and header is not None:
            current[1].append((header, "\n".join(body)))

    for line in text.split("\n"):
        if line.startswith("=== "):
            flush()
            current = (line[4:].strip(), [])
            cases.append(current)
            header, body = None, []
        elif line.startswith("--- ") and current is not None:
            flush()
            header, body = line[4:].strip(), []
        elif header is not None:
            body.append(line)
    flush()
    return cases


def case_from_sections(sections):
    options, context, templates = {}, {}, {}
    for header, body in sections:
        words = header.split()
        kind = words[0]
        if kind == "options":
            options = load_json(body)
        elif kind == "context":
            context = load_json(body)
        elif kind in ("template", "template-json"):
            name = words[1] if len(words) > 1 else "main"
            templates[name] = json.loads(body) if kind == "template-json" else body
        else:
            raise ValueError("unknown section %r" % header)
    options = dict(options)
    main = options.pop("main", "main" if "main" in templates else next(iter(templates)))
    return options, context, jinja2.DictLoader(templates), main


def make_env(options, loader):
    kwargs = {"loader": loader}
    for key, value in options.items():
        if key == "undefined":
            kwargs["undefined"] = getattr(jinja2, value)
        elif key == "path":
            continue
        else:
            kwargs[key] = value
    return jinja2.Environment(**kwargs)


def render(options, context, loader, main):
    env = make_env(options, loader)
    try:
        return "ok", env.get_template(main).render(context)
    except Exception as e:  # the class, template line and message are the expected result
        message = e.message if isinstance(e, jinja2.TemplateError) and e.message is not None else str(e)
        return "error", "%s\nline %s\n%s" % (type(e).__name__, error_line(e), message)


def error_line(e):
    """The template line an error points at: its lineno, or the innermost template frame."""
    if isinstance(e, jinja2.TemplateSyntaxError):
        return e.lineno
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "<template>" or f.filename.endswith((".tpl", ".j2", ".html", ".cfg", ".xml", ".btpl"))]
    return frames[-1].lineno if frames else "?"


def write_or_check(base, result, check, label, problems):
    kind, text = result
    path = base + (".txt" if kind == "ok" else ".error")
    other = base + (".error" if kind == "ok" else ".txt")
    data = text.encode("utf-8")
    if check:
        try:
            with open(path, "rb") as f:
                stored = f.read()
        except FileNotFoundError:
            stored = None
        if stored != data or os.path.exists(other):
            problems.append(label)
        return
    with open(path, "wb") as f:
        f.write(data)
    if os.path.exists(other):
        os.remove(other)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    root = os.path.abspath(args[0] if args else DEFAULT_DIR)
    problems = []
    count = 0
    for entry in sorted(os.listdir(root)):
        path = os.path.join(root, entry)
        if entry.endswith(".cases"):
            group = entry[: -len(".cases")]
            out_dir = os.path.join(root, group + ".expected")
            if not check:
                os.makedirs(out_dir, exist_ok=True)
            with open(path, encoding="utf-8") as f:
                cases = parse_cases(f.read())
            names = set()
            for name, sections in cases:
                if name in names:
                    raise SystemExit("duplicate case %s in %s" % (name, entry))
                names.add(name)
                result = render(*case_from_sections(sections))
                write_or_check(os.path.join(out_dir, name), result, check, "%s/%s" % (group, name), problems)
                count += 1
            if not check and os.path.isdir(out_dir):
                for stale in os.listdir(out_dir):
                    if os.path.splitext(stale)[0] not in names:
                        os.remove(os.path.join(out_dir, stale))
        elif os.path.isdir(path) and not entry.endswith(".expected"):
            for case in sorted(os.listdir(path)):
                case_dir = os.path.join(path, case)
                spec_path = os.path.join(case_dir, "case.json")
                if not os.path.isfile(spec_path):
                    continue
                with open(spec_path, encoding="utf-8") as f:
                    spec = json.load(f)
                with open(os.path.join(case_dir, spec.get("context", "context.json")), encoding="utf-8") as f:
                    context = load_json(f.read())
                options = dict(spec.get("options", {}))
                search = [os.path.join(case_dir, p) for p in spec.get("path", ["templates"])]
                loader = jinja2.FileSystemLoader(search, encoding=spec.get("encoding", "utf-8"))
                result = render(options, context, loader, spec["template"])
                write_or_check(os.path.join(case_dir, "expected"), result, check, "%s/%s" % (entry, case), problems)
                count += 1
    if check:
        for p in problems:
            print("golden drift: %s" % p)
        print("%d cases checked against Python Jinja2 %s, %d differ" % (count, jinja2.__version__, len(problems)))
        return 1 if problems else 0
    print("%d goldens written with Python Jinja2 %s" % (count, jinja2.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
