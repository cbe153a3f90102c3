"""The c4-diagrams peer of `make bench`: builds the synthetic model that
archdoc-bench describes in a JSON file and exports it to C4-PlantUML and Mermaid.

    python3 bench/c4_diagrams_peer.py SPEC.json            # in-process timings, JSON on stdout
    python3 bench/c4_diagrams_peer.py SPEC.json --once     # one build + export (for whole-process timing)

The same views as archdoc's defaults: a system context (people and systems), a
container view per system, each with its containers, the people and the
relations touching them.
"""
import json
import statistics
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


def median_ms(fn, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    spec = json.load(open(sys.argv[1]))
    if "--once" in sys.argv:
        diagrams = build(spec)
        export(diagrams, PlantUMLRenderer())
        export(diagrams, MermaidRenderer())
        return
    diagrams = build(spec)
    result = {
        "build_ms": median_ms(lambda: build(spec)),
        "plantuml_ms": median_ms(lambda: export(diagrams, PlantUMLRenderer())),
        "views": len(diagrams),
        "plantuml_bytes": sum(map(len, export(diagrams, PlantUMLRenderer()))),
    }
    try:
        result["mermaid_ms"] = median_ms(lambda: export(diagrams, MermaidRenderer()))
        result["mermaid_bytes"] = sum(map(len, export(diagrams, MermaidRenderer())))
    except Exception as error:  # noqa: BLE001 - report and carry on
        result["mermaid_error"] = repr(error)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
