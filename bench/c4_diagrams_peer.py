"""The c4-diagrams peer of `make bench`: builds the synthetic model that
archdoc-bench describes in a JSON file and exports it to C4-PlantUML and Mermaid.

    python3 bench/c4_diagrams_peer.py SPEC.json --turns    # in-process timings, one run per command on stdin
    python3 bench/c4_diagrams_peer.py SPEC.json --once     # one build + export (for whole-process timing)

With --turns the peer builds the model, prints a JSON line (views, bytes of each
export), then reads one command per line on stdin (build, plantuml, mermaid), runs
it once and answers with its time in ms, or with "error: ..." when it fails. So
archdoc-bench can run it in turns with its own renderers: a slow spell of a shared
machine lasts minutes, and timed minutes apart the ratio moved 3x between runs.

The same views as archdoc's defaults: a system context (people and systems), a
container view per system, each with its containers, the people and the
relations touching them.
"""
import json
import sys
import time

from c4 import Container, ContainerDb, ContainerDiagram, ContainerQueue, Person, Rel, System, SystemBoundary, SystemContextDiagram
from c4.renderers import MermaidRenderer, PlantUMLRenderer


def build(spec):
    """Every default view as a c4-diagrams diagram."""
    containers, people, relations = spec["containers"], spec["people"], spec["relations"]
    diagrams = []
    with SystemContextDiagram(spec["name"]) as context:
        ps = {p["id"]: Person(p["name"], alias=p["id"]) for p in people}
        ss = [System(s["name"], s["description"], alias=s["id"]) for s in spec["systems"]]
        seen = set()
        for r in relations:
            a, b = containers[r["source"]]["system"], containers[r["destination"]]["system"]
            if a != b and (a, b) not in seen:
                seen.add((a, b))
                Rel(label=r["description"], technology=r["technology"], from_element=ss[a], to_element=ss[b])
        for p in people:
            for t in p["uses"]:
                Rel(label="Uses", technology="HTTPS", from_element=ps[p["id"]], to_element=ss[containers[t]["system"]])
    diagrams.append(context)
    kinds = {"database": ContainerDb, "queue": ContainerQueue}
    for s in spec["systems"]:
        members = set(s["containers"])
        with ContainerDiagram(f"Containers of {s['name']}") as view:
            elements = {}
            with SystemBoundary(s["name"], alias=s["id"]):
                for i in s["containers"]:
                    c = containers[i]
                    elements[i] = kinds.get(c["kind"], Container)(c["name"], c["description"], c["technology"], alias=c["id"])
            for r in relations:
                src, dst = r["source"], r["destination"]
                if src not in members and dst not in members:
                    continue
                for i in (src, dst):
                    if i not in elements:
                        c = containers[i]
                        elements[i] = Container(c["name"], c["description"], c["technology"], alias=c["id"])
                Rel(label=r["description"], technology=r["technology"], from_element=elements[src], to_element=elements[dst])
            for p in people:
                targets = [t for t in p["uses"] if t in members]
                if targets:
                    person = Person(p["name"], alias=p["id"])
                    for t in targets:
                        Rel(label="Uses", technology="HTTPS", from_element=person, to_element=elements[t])
        diagrams.append(view)
    return diagrams


def export(diagrams, renderer):
    return [renderer.render(d) for d in diagrams]


def turns(spec):
    """The line protocol of --turns (see the module's docstring)."""
    diagrams = build(spec)
    commands = {
        "build": lambda: build(spec),
        "plantuml": lambda: export(diagrams, PlantUMLRenderer()),
        "mermaid": lambda: export(diagrams, MermaidRenderer()),
    }
    header = {"views": len(diagrams), "plantuml_bytes": sum(map(len, export(diagrams, PlantUMLRenderer())))}
    try:
        header["mermaid_bytes"] = sum(map(len, export(diagrams, MermaidRenderer())))
    except Exception as error:  # noqa: BLE001 - reported, and the Mermaid turns answer with the error
        header["mermaid_error"] = repr(error)
    print(json.dumps(header), flush=True)
    for line in sys.stdin:
        command = commands.get(line.strip())
        if command is None:
            print(f"error: unknown command {line.strip()!r}", flush=True)
            continue
        try:
            start = time.perf_counter()
            command()
            print((time.perf_counter() - start) * 1000, flush=True)
        except Exception as error:  # noqa: BLE001 - the bench reports it
            print(f"error: {error!r}", flush=True)


def main():
    spec = json.load(open(sys.argv[1]))
    if "--once" in sys.argv:
        diagrams = build(spec)
        export(diagrams, PlantUMLRenderer())
        export(diagrams, MermaidRenderer())
        return
    if "--turns" not in sys.argv:
        sys.exit("usage: c4_diagrams_peer.py SPEC.json --turns | --once")
    turns(spec)


if __name__ == "__main__":
    main()
